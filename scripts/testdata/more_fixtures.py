#!/usr/bin/env python3
"""DOCX written with Open XML directly, and 2019-template reports, with truth files.

Usage (from anywhere):
    python3 scripts/testdata/more_fixtures.py          # writes testdata/docx/openxml-*.docx, the 2019 cases
    python3 scripts/testdata/more_fixtures.py --check  # regenerates in memory and compares with the files

Builds on generate.py (figures, labels, table grids, prose) so the reports read like the other
fixtures. The DOCX files are written as raw WordprocessingML in a zip, so every construct the
reader must handle is placed on purpose: gridSpan, vMerge restart/continue (bare and with a value),
legacy hMerge, a title in a text box (wps Choice plus VML Fallback: the same text twice in the
file), block-, row- and run-level content controls, a tracked deletion next to the inserted
figure, labels split over paragraphs and line breaks, a layout table holding the report's tables.

Zip entries carry a fixed timestamp, so re-running reproduces the same bytes. Standard library only.
"""

import importlib.util
import json
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

_spec = importlib.util.spec_from_file_location("generate", Path(__file__).with_name("generate.py"))
G = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(G)

OUT = G.OUT
OTHER = G.OTHER_HANDLING_ROWS


# ---------------------------------------------------------------------------------------------
# 2019 template (国办公开办函〔2019〕60号): 表二 and the collapsed （六）其他处理
# ---------------------------------------------------------------------------------------------

def figures_2019(rng):
    """表二 figures of the 2019 template, keyed as the extractor's extra section names them."""
    x = {}
    for key in ("regulations", "normativeDocuments"):
        made = rng.randint(0, 12 if key == "regulations" else 40)
        x[f"active2019.{key}.newlyMade"] = made
        x[f"active2019.{key}.newlyPublished"] = rng.randint(0, made)
        x[f"active2019.{key}.totalPublished"] = rng.randint(made, made + 150)
    for key in ("licensing", "otherExternalServices", "punishment", "enforcement"):
        x[f"active2019.{key}.previousYearItems"] = rng.randint(5, 400)
        x[f"active2019.{key}.changeThisYear"] = rng.randint(-6, 9)
        x[f"active2019.{key}.decisions"] = rng.randint(0, 2500)
    x["active2019.feesWanYuan.previousYearItems"] = rng.randint(0, 9)
    x["active2019.feesWanYuan.changeThisYear"] = rng.randint(-2, 2)
    x["active2019.centralProcurement.items"] = rng.randint(1, 40)
    x["active2019.centralProcurement.amount"] = round(rng.uniform(5, 900), 2)
    return x


def build_t2_2019(x):
    """表二 of the 2019 template as one 4-column grid (as printed in 国办公开办函〔2019〕60号)."""
    C = G.Cell

    def v(key, cs=1):
        value = x[key]
        return C(G.plain_number(value), cs=cs, kind="value", paths=[key])

    def title(text):
        return [C(text, cs=4, kind="title")]

    def head(*labels):
        cells = [C("信息内容", kind="head")] + [C(t, kind="head") for t in labels]
        if len(labels) == 2:
            cells[-1].cs = 2
        return cells

    def row(label, key, cols):
        cells = [C(label)] + [v(f"active2019.{key}.{c}") for c in cols]
        if len(cols) == 2:
            cells[-1].cs = 2
        return cells

    made = ["newlyMade", "newlyPublished", "totalPublished"]
    items = ["previousYearItems", "changeThisYear", "decisions"]
    rows = [title("第二十条第（一）项"), head("本年新制作数量", "本年新公开数量", "对外公开总数量"),
            row("规章", "regulations", made), row("规范性文件", "normativeDocuments", made),
            title("第二十条第（五）项"), head("上一年项目数量", "本年增/减", "处理决定数量"),
            row("行政许可", "licensing", items), row("其他对外管理服务事项", "otherExternalServices", items),
            title("第二十条第（六）项"), head("上一年项目数量", "本年增/减", "处理决定数量"),
            row("行政处罚", "punishment", items), row("行政强制", "enforcement", items),
            title("第二十条第（八）项"), head("上一年项目数量", "本年增/减"),
            row("行政事业性收费", "feesWanYuan", items[:2]),
            title("第二十条第（九）项"), head("采购项目数量", "采购总金额"),
            row("政府集中采购", "centralProcurement", ["items", "amount"])]
    return G.Table("t2", rows, 4, [34, 22, 22, 22])


def collapse_other(f):
    """（六）其他处理 printed as one row: its figure is the sum of the three sub-rows (kept in
    otherOverdueCorrection for printing). Returns the printed row; the sums stay consistent."""
    printed = {}
    for c in G.COLS:
        printed[c] = sum(f[G.app(r, c)] for r in OTHER)
        f[G.app(OTHER[0], c)] = printed[c]
        for r in OTHER[1:]:
            f[G.app(r, c)] = 0
    return printed


def truth_2019(doc, printed_other, active_2021):
    """Truth of a report with a 2019 表二: the 2021 表二 fields are null (the document lacks them);
    where （六） is one row, its sub-rows are 0 where the row prints 0, else unknown (null)."""
    fields = {p: doc.f[p] for p in G.FIELDS}
    if not active_2021:
        for p in G.ACTIVE:
            fields[p] = None
    if printed_other is not None:
        for c in G.COLS:
            for r in OTHER:
                fields[G.app(r, c)] = 0 if printed_other[c] == 0 else None
    obj = {"agency": doc.agency, "year": doc.year, "fields": fields, "notes": " ".join(doc.notes)}
    return json.dumps(obj, ensure_ascii=False, indent=1) + "\n"


def doc_2019(name, agency, year, self_ref, scale, collapsed=True):
    rng = G.rng_for(name)
    f = G.gen_figures(rng, scale=scale)
    x = figures_2019(rng)
    doc = G.Doc(name, agency, year, f, self_ref=self_ref)
    doc.citation = "国办公开办函〔2019〕60号"
    doc.printer = pr = G.Printer()
    printed = collapse_other(f) if collapsed else None
    t2 = build_t2_2019(x)
    t3 = G.build_t3(f, doc.L, pr, collapsed_other=collapsed)
    return rng, doc, x, printed, t2, t3


def extra_note(x):
    return "Expected extra: " + ", ".join(f"{k}={G.plain_number(v)}" for k, v in x.items()) + "."


# ---------------------------------------------------------------------------------------------
# WordprocessingML
# ---------------------------------------------------------------------------------------------

W_NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml" mc:Ignorable="wps"')

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
</Types>"""

ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""

DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""

STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:rPr><w:rFonts w:eastAsia="SimSun"/><w:sz w:val="21"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="36"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4"/><w:left w:val="single" w:sz="4"/><w:bottom w:val="single" w:sz="4"/><w:right w:val="single" w:sz="4"/><w:insideH w:val="single" w:sz="4"/><w:insideV w:val="single" w:sz="4"/></w:tblBorders></w:tblPr></w:style>
</w:styles>"""


def t(text):
    return f'<w:t xml:space="preserve">{escape(text)}</w:t>'


def runs(text, split=True):
    """Text as runs; longer texts are split in two runs, as Word does after an edit."""
    if split and len(text) > 6:
        k = len(text) // 2
        return f"<w:r>{t(text[:k])}</w:r><w:r><w:rPr><w:b/></w:rPr>{t(text[k:])}</w:r>"
    return f"<w:r>{t(text)}</w:r>"


def para(text, style=None):
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{ppr}{runs(text)}</w:p>"


def text_box_para(text):
    """A paragraph anchoring a text box: the 2010 shape (Choice) and the VML copy (Fallback)."""
    content = f"<w:txbxContent>{para(text, 'Title')}</w:txbxContent>"
    choice = ('<w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" '
              'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
              '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
              '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
              '<wp:extent cx="5400000" cy="500000"/><wp:wrapTopAndBottom/><wp:docPr id="1" name="Title box"/>'
              '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
              f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx>{content}</wps:txbx><wps:bodyPr/></wps:wsp>'
              '</a:graphicData></a:graphic></wp:anchor></w:drawing>')
    fallback = f'<w:pict><v:shape style="width:425pt;height:39pt"><v:textbox>{content}</v:textbox></v:shape></w:pict>'
    return ("<w:p><w:r><mc:AlternateContent>"
            f'<mc:Choice Requires="wps">{choice}</mc:Choice><mc:Fallback>{fallback}</mc:Fallback>'
            "</mc:AlternateContent></w:r></w:p>")


class Quirks:
    """Which Open XML constructs a table is written with."""

    def __init__(self, **kw):
        self.bare_vmerge = False      # continuation as <w:vMerge/> instead of w:val="continue"
        self.hmerge_header = False    # first row's spans written as legacy hMerge restart/continue
        self.sdt_rows = set()         # row indexes wrapped in a row-level content control
        self.sdt_value_every = 0      # every n-th value cell's run inside an inline content control
        self.tracked = set()          # value paths printed as an insertion next to a deleted "99"
        self.split_labels = {}        # label text -> list of paragraphs it is printed as
        self.__dict__.update(kw)


def tc(inner, cs=1, vmerge=None, hmerge=None):
    pr = ""
    if cs > 1:
        pr += f'<w:gridSpan w:val="{cs}"/>'
    if hmerge:
        pr += f'<w:hMerge w:val="{hmerge}"/>' if hmerge == "restart" else "<w:hMerge/>"
    if vmerge == "restart":
        pr += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        pr += '<w:vMerge w:val="continue"/>'
    elif vmerge == "bare":
        pr += "<w:vMerge/>"
    return f"<w:tc><w:tcPr>{pr}<w:vAlign w:val=\"center\"/></w:tcPr>{inner or '<w:p/>'}</w:tc>"


def cell_inner(cell, q, counter, record):
    if cell.kind == "value":
        counter[0] += 1
        record.append(cell.text)
        if cell.paths and cell.paths[0] in q.tracked:
            return ('<w:p><w:del w:id="9" w:author="审核" w:date="2024-01-05T00:00:00Z"><w:r><w:delText>99</w:delText></w:r></w:del>'
                    f'<w:ins w:id="10" w:author="审核" w:date="2024-01-05T00:00:00Z"><w:r>{t(cell.text)}</w:r></w:ins></w:p>')
        if q.sdt_value_every and counter[0] % q.sdt_value_every == 0:
            return f"<w:p><w:sdt><w:sdtPr><w:alias w:val=\"数值\"/></w:sdtPr><w:sdtContent><w:r>{t(cell.text)}</w:r></w:sdtContent></w:sdt></w:p>"
        return f"<w:p><w:r>{t(cell.text)}</w:r></w:p>"
    pieces = q.split_labels.get(cell.text)
    if pieces:
        return "".join(para(p) for p in pieces)
    if "\n" in cell.text:
        a, b = cell.text.split("\n", 1)
        return f"<w:p><w:r>{t(a)}</w:r><w:r><w:br/>{t(b)}</w:r></w:p>"
    return para(cell.text)


def table_xml(tbl, q, record):
    """A Table of generate.py as <w:tbl>: rowspans become vMerge restart + continuation cells."""
    placed = tbl.placed()
    origin = {(r, c): cell for r, c, cell in placed}
    cover = {}
    for r, c, cell in placed:
        for dr in range(cell.rs):
            for dc in range(cell.cs):
                cover[(r + dr, c + dc)] = (r, c, cell)
    counter = [0]
    widths = tbl.widths or [1] * tbl.ncols
    grid = "".join(f'<w:gridCol w:w="{round(9000 * w / sum(widths))}"/>' for w in widths)
    out = [f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>']
    for r in range(len(tbl.rows)):
        cells = []
        c = 0
        while c < tbl.ncols:
            r0, c0, cell = cover[(r, c)]
            if (r0, c0) == (r, c):
                vm = "restart" if cell.rs > 1 else None
                if q.hmerge_header and r == 0 and cell.cs > 1:
                    cells.append(tc(cell_inner(cell, q, counter, record), hmerge="restart", vmerge=vm))
                    cells += [tc(None, hmerge="continue", vmerge=vm) for _ in range(cell.cs - 1)]
                else:
                    cells.append(tc(cell_inner(cell, q, counter, record), cell.cs, vm))
            else:
                cells.append(tc(None, cell.cs, "bare" if q.bare_vmerge else "continue"))
            c += cell.cs
        row = "<w:tr>" + "".join(cells) + "</w:tr>"
        if r in q.sdt_rows:
            row = f"<w:sdt><w:sdtPr><w:alias w:val=\"行\"/></w:sdtPr><w:sdtContent>{row}</w:sdtContent></w:sdt>"
        out.append(row)
    out.append("</w:tbl>")
    return "".join(out)


def body_xml(blks, quirks_for, record, title_in_box=False, sdt_tables=()):
    out = []
    for kind, payload in blks:
        if kind == "title":
            out.append(text_box_para(payload) if title_in_box else para(payload, "Title"))
        elif kind == "h":
            out.append(para(payload, "Heading1"))
        elif kind == "p":
            out.append(para(payload))
        elif kind == "sign":
            out += [para(s) for s in payload]
        elif kind == "table":
            x = table_xml(payload, quirks_for(payload), record)
            if payload.name in sdt_tables:
                x = f"<w:sdt><w:sdtPr><w:alias w:val=\"表格\"/></w:sdtPr><w:sdtContent>{x}</w:sdtContent></w:sdt>"
            out.append(x)
    return "".join(out)


def layout_wrap(body):
    """The report inside a one-cell layout table (as pages built in Word from a web template)."""
    return ('<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/></w:tblPr><w:tblGrid><w:gridCol w:w="9000"/></w:tblGrid>'
            f"<w:tr><w:tc><w:tcPr><w:tcW w:w=\"9000\" w:type=\"dxa\"/></w:tcPr>{body}<w:p/></w:tc></w:tr></w:tbl>")


def docx_bytes(body):
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W_NS}><w:body>{body}'
                '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>')
    import io
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in [("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS),
                           ("word/document.xml", document), ("word/_rels/document.xml.rels", DOC_RELS),
                           ("word/styles.xml", STYLES)]:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------------------------

def truth_2021(doc):
    return G.truth_json(doc)


def case_merged_textbox():
    name = "openxml-merged-textbox"
    rng = G.rng_for(name)
    f = G.gen_figures(rng, scale=1.2)
    doc = G.Doc(name, "临川县文昌街道办事处", 2023, f, self_ref="我街道")
    doc.L["t3.commercial"] = "商业\n企业"
    doc.printer = G.Printer()
    blks = G.blocks(doc, rng)
    q3 = Quirks(bare_vmerge=True, sdt_value_every=5, tracked={G.app("granted", "total")},
                split_labels={doc.L["row.partiallyGranted"]: ["（二）部分公开", "（区分处理的，只计这一情形，不计其他情形）"]})
    q4 = Quirks(sdt_rows={3})
    record = []
    body = body_xml(blks, lambda tb: q3 if tb.name == "t3" else q4 if tb.name == "t4" else Quirks(), record,
                    title_in_box=True, sdt_tables=("t3",))
    doc.notes.append("Written as WordprocessingML directly (scripts/testdata/more_fixtures.py): the title sits in a "
                     "text box (wps shape in mc:Choice plus the same text again in the VML mc:Fallback — read once); "
                     "表三 inside a block-level content control, its row spans as vMerge restart + bare <w:vMerge/> "
                     "continuations; every fifth figure of 表三 in an inline content control; applications.granted.total "
                     "as a tracked change (deleted '99' beside the inserted figure: the deletion is not read); the "
                     "（二）部分公开 label over two paragraphs and 商业/企业 split by <w:br/>; 表四's figure row in a "
                     "row-level content control. Consistent arithmetic.")
    return [(f"docx/{name}.docx", docx_bytes(body), truth_2021(doc))]


def case_layout_nested():
    name = "openxml-layout-nested"
    rng = G.rng_for(name)
    f = G.gen_figures(rng, scale=2.0)
    doc = G.Doc(name, "苍梧县生态环境局", 2024, f, self_ref="我局")
    doc.printer = G.Printer()
    blks = G.blocks(doc, rng, split_t2_tables=True)
    record = []
    body = body_xml(blks, lambda tb: Quirks(hmerge_header=tb.name == "t4"), record)
    doc.notes.append("Written as WordprocessingML directly: the whole report inside a one-cell layout table, so the "
                     "report's tables are nested tables; 表二 as four tables; 表四's first header row merged with legacy "
                     "hMerge restart/continue cells instead of gridSpan; vMerge continuations with w:val=\"continue\". "
                     "Consistent arithmetic.")
    return [(f"docx/{name}.docx", docx_bytes(layout_wrap(body)), truth_2021(doc))]


NOTE_2019 = ("2019 template (国办公开办函〔2019〕60号): 表二 with 本年新制作数量/本年新公开数量/对外公开总数量, "
             "上一年项目数量/本年增/减/处理决定数量 (negative changes printed with '-'), 其他对外管理服务事项, 第（九）项 "
             "政府集中采购; the 2021 表二 fields are null (the document lacks them) and its figures belong in extra. "
             "表三 prints （六）其他处理 as ONE row: its sub-rows are 0 where the row prints 0, else null (unknown). ")


def case_2019_docx():
    name = "openxml-2019-template"
    rng, doc, x, printed, t2, t3 = doc_2019(name, "鹤峰县容美镇人民政府", 2020, "我镇", 1.1)
    blks = G.blocks(doc, rng, t2=t2, t3=t3)
    record = []
    body = body_xml(blks, lambda tb: Quirks(), record)
    doc.notes.append("Written as WordprocessingML directly. " + NOTE_2019 + extra_note(x))
    return [(f"docx/{name}.docx", docx_bytes(body), truth_2019(doc, printed, False))]


def case_2019_html():
    name = "template2019-county-2020"
    rng, doc, x, printed, t2, t3 = doc_2019(name, "庐阳县人民政府", 2020, "我县", 1.5)
    text, _, _ = G.standard_html(doc, rng, G.NOTO, t2=t2, t3=t3)
    doc.notes.append("HTML. " + NOTE_2019 + extra_note(x))
    return [(f"html/{name}.html", text.encode("utf-8"), truth_2019(doc, printed, False))]


def case_2019_text():
    name = "template2019-town-2019"
    rng, doc, x, printed, t2, t3 = doc_2019(name, "桃源县漳江镇人民政府", 2019, "我镇", 0.8)
    blks = G.blocks(doc, rng, t2=t2, t3=t3)
    text = G.assemble_text(blks, G.tab_table)
    doc.notes.append("Tab-separated UTF-8 text, reporting year 2019. " + NOTE_2019 + extra_note(x))
    return [(f"text/{name}.txt", text.encode("utf-8"), truth_2019(doc, printed, False))]


def case_mixed():
    name = "mixed-2019-active-2021-tables"
    rng, doc, x, printed, t2, t3 = doc_2019(name, "衡山县白果镇人民政府", 2023, "我镇", 1.0, collapsed=False)
    doc.citation = "国办公开办函〔2021〕30号"
    text, _, _ = G.standard_html(doc, rng, G.NOTO, t2=t2, t3=t3)
    doc.notes.append("Mixed report, as some towns print: 表三 and 表四 of the 2021 template (（六）其他处理 with its three "
                     "sub-rows), but 表二 still in the 2019 layout: the 2021 表二 fields are null, the 2019 figures "
                     "belong in extra. " + extra_note(x))
    return [(f"html/{name}.html", text.encode("utf-8"), truth_2019(doc, None, False))]


CASES = [case_merged_textbox, case_layout_nested, case_2019_docx, case_2019_html, case_2019_text, case_mixed]


def main(argv):
    outputs = [o for fn in CASES for o in fn()]
    for rel, data, truth in outputs:
        path = OUT / rel
        truth_path = path.with_name(path.name.rsplit(".", 1)[0] + ".truth.json")
        if argv[:1] == ["--check"]:
            assert path.read_bytes() == data, f"{rel} differs from the generator's output"
            assert truth_path.read_text(encoding="utf-8") == truth, f"{truth_path.name} differs"
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            truth_path.write_text(truth, encoding="utf-8")
        print(f"ok  {rel} ({len(data)} bytes)")


if __name__ == "__main__":
    main(sys.argv[1:])
