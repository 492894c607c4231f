#!/usr/bin/env python3
"""Writes testdata/text/variants/: the layouts reports take in the wild, made from existing truth.

    python3 scripts/testdata/make_variants.py            # writes the variants (+ truth)
    python3 scripts/testdata/make_variants.py --check    # fails when a committed file differs

Each variant re-prints the figures of an existing fixture's truth (its 200 fields) in the national
template's labels, with that fixture's prose, in one of these layouts:

- flat-*.txt: archived web page text. The whole report after its title is one run of characters:
  labels and figures run together without separators or line breaks, a few stray spaces inside
  runs of figures, row numbers glued to the figures before them (「00000002.其他法律…」). The one
  from tab-utf8-bom states its 行政规范性文件 figures in the prose of section 二.
- flatsections-*.txt: the same with each of sections 三, 四 and 五 on a line of its own.
- fragmented-*.txt: a PDF converted to markdown by another tool: 表二 as one table per 第二十条 item,
  表三 as one table per row group with its header cells split over lines before it, 表四 as three
  small tables under headings naming each group. In the one from layout-spaces, 第二十条第（一）项's
  本年废止件数 cells are printed loose above the table with a note (「（含自然失效 0 件）」).
- vanished-*.txt: raw text where blank cells vanish: 表三's （六）其他处理 sub-rows and 表四 print
  their zeros as blanks that leave no trace, so those rows have fewer figures than columns.
- labelless-*.txt: a converted table whose （五）不予处理 sub-rows lost their labels: the labels are
  printed loose before the group and the five rows of figures follow without them, in an order other
  than the template's (a fixed shuffle).

The truth of every variant is its source's: the figures are printed unchanged. Standard library only;
a fixed seed, so re-running reproduces the same bytes.
"""
import json
import pathlib
import random
import sys

TESTDATA = pathlib.Path(__file__).resolve().parents[2] / "testdata"
OUT = TESTDATA / "text" / "variants"
SOURCES = ["tab-utf8-bom", "layout-spaces"]

COLS = ["natural", "commercial", "research", "socialWelfare", "legalService", "other", "total"]
ACTIVE = [
    ("第二十条第（一）项", ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
     [("规章", "regulations", ["issued", "repealed", "inForce"]),
      ("行政规范性文件", "normativeDocuments", ["issued", "repealed", "inForce"])]),
    ("第二十条第（五）项", ["信息内容", "本年处理决定数量"], [("行政许可", "licensing", None)]),
    ("第二十条第（六）项", ["信息内容", "本年处理决定数量"], [("行政处罚", "punishment", None), ("行政强制", "enforcement", None)]),
    ("第二十条第（八）项", ["信息内容", "本年收费金额（单位：万元）"], [("行政事业性收费", "feesWanYuan", None)]),
]
# (group label or None, [(row label, key)])
APPLICATIONS = [
    (None, [("一、本年新收政府信息公开申请数量", "newReceived"), ("二、上年结转政府信息公开申请数量", "carriedOver")]),
    ("三、本年度办理结果", [("（一）予以公开", "granted"), ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partiallyGranted")]),
    ("（三）不予公开", [("1.属于国家秘密", "deniedStateSecret"), ("2.其他法律行政法规禁止公开", "deniedProhibitedByLaw"),
                   ("3.危及“三安全一稳定”", "deniedThreeSecurities"), ("4.保护第三方合法权益", "deniedThirdPartyRights"),
                   ("5.属于三类内部事务信息", "deniedInternalAffairs"), ("6.属于四类过程性信息", "deniedProcessInfo"),
                   ("7.属于行政执法案卷", "deniedEnforcementFiles"), ("8.属于行政查询事项", "deniedQueryMatters")]),
    ("（四）无法提供", [("1.本机关不掌握相关政府信息", "unableNotHeld"), ("2.没有现成信息需要另行制作", "unableNeedsCreation"),
                   ("3.补正后申请内容仍不明确", "unableStillUnclear")]),
    ("（五）不予处理", [("1.信访举报投诉类申请", "notProcessedPetition"), ("2.重复申请", "notProcessedRepeated"),
                   ("3.要求提供公开出版物", "notProcessedPublications"), ("4.无正当理由大量反复申请", "notProcessedMassRepeated"),
                   ("5.要求行政机关确认或重新出具已获取信息", "notProcessedConfirmation")]),
    ("（六）其他处理", [("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "otherOverdueCorrection"),
                   ("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "otherOverdueFee"),
                   ("3.其他", "otherOther")]),
    (None, [("（七）总计", "resultsTotal"), ("四、结转下年度继续办理", "carriedForward")]),
]
APPLICATION_HEADER = ("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况", "自然人", "法人或其他组织",
                      "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
REVIEW_GROUPS = [("行政复议", "review"), ("行政诉讼（未经复议直接起诉）", "litigationDirect"), ("行政诉讼（复议后起诉）", "litigationAfterReview")]
REVIEW_COLS = [("结果维持", "upheld"), ("结果纠正", "corrected"), ("其他结果", "other"), ("尚未审结", "pending"), ("总计", "total")]
HEADINGS = {
    "二": "二、主动公开政府信息情况", "三": "三、收到和处理政府信息公开申请情况",
    "四": "四、政府信息公开行政复议、行政诉讼情况",
}


def fmt(v):
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v)


class Source:
    def __init__(self, name):
        self.name = name
        self.truth = json.loads((TESTDATA / "text" / f"{name}.truth.json").read_text(encoding="utf-8"))
        self.f = self.truth["fields"]
        text = (TESTDATA / "text" / f"{name}.txt").read_text(encoding="utf-8-sig")
        lines = [l.rstrip() for l in text.splitlines()]
        self.title = lines[0].strip()
        # The prose: lines outside sections 二 to 四 (the tables), without the table headings.
        self.before, self.after, where = [], [], "before"
        for line in lines[1:]:
            t = line.strip()
            if t.startswith("二、"):
                where = "tables"
            elif t.startswith("五、"):
                where = "after"
            if not t or where == "tables":
                continue
            (self.before if where == "before" else self.after).append(t)

    def active(self, key, col):
        return fmt(self.f[f"active.{key}.{col}" if col else f"active.{key}"])

    def row(self, key):
        return [fmt(self.f[f"applications.{key}.{c}"]) for c in COLS]

    def review(self, group):
        return [fmt(self.f[f"reviewLitigation.{group}.{c}"]) for _, c in REVIEW_COLS]

    def truth_for(self, variant, notes):
        truth = dict(self.truth)
        truth["notes"] = f"Made by scripts/testdata/make_variants.py from the truth of text/{self.name}.txt: {notes} Figures as in the source."
        return json.dumps(truth, ensure_ascii=False, indent=1) + "\n"


def flat(src, rng):
    """Everything after the title in one line; figures run together; a few stray spaces."""
    parts = list(src.before)
    parts.append(HEADINGS["二"])
    if src.name == "tab-utf8-bom":
        # Prose stating 表二's figures, as reports often do: the only evidence that splits a run of 表二.
        parts.append("本年制发行政规范性文件{}件，废止{}件，现行有效{}件。".format(
            *(src.active("normativeDocuments", c) for c in ("issued", "repealed", "inForce"))))
    for caption, header, rows in ACTIVE:
        parts.append(caption + "".join(header))
        for label, key, cols in rows:
            parts.append(label + "".join(src.active(key, c) for c in cols) if cols else label + src.active(key, None))
    parts.append(HEADINGS["三"])
    parts.append("".join(APPLICATION_HEADER))
    n = 0
    for group, rows in APPLICATIONS:
        if group:
            parts.append(group)
        for label, key in rows:
            digits = "".join(src.row(key))
            n += 1
            if n % 6 == 0 and len(digits) > 3:
                # A stray space inside the run, as archived pages print them (「10 0 0 0 01」).
                at = rng.randrange(1, len(digits))
                digits = digits[:at] + " " + digits[at:]
            parts.append(label + digits)
    parts.append(HEADINGS["四"])
    parts.append("行政复议行政诉讼" + "".join(c for c, _ in REVIEW_COLS) + "未经复议直接起诉复议后起诉" + "".join(c for c, _ in REVIEW_COLS) * 2)
    parts.append("".join("".join(src.review(g)) for _, g in REVIEW_GROUPS))
    parts.extend(src.after)
    return src.title + "\n" + "".join(parts) + "\n"


def flat_sections(src, rng):
    """As flat, but each section on a line of its own (pages whose paragraphs survived): 表四 alone on its line."""
    text = flat(src, rng)
    for heading in (HEADINGS["三"], HEADINGS["四"], "五、"):
        at = text.index(heading)
        text = text[:at] + "\n" + text[at:]
    return text


def md_table(rows):
    out = []
    for i, r in enumerate(rows):
        out.append("| " + " | ".join(r) + " |")
        if i == 0:
            out.append("|" + "---|" * len(r))
    return out


def fragmented(src, rng):
    """Markdown as a PDF converter leaves it: a table per item and per row group, 表四 in three tables."""
    out = [src.title, ""] + [p + "\n" for p in src.before]
    out += ["## " + HEADINGS["二"], ""]
    for caption, header, rows in ACTIVE:
        out += ["### " + caption]
        body = [[label] + ([src.active(key, c) for c in cols] if cols else [src.active(key, None)]) for label, key, cols in rows]
        if src.name == "layout-spaces" and caption.endswith("（一）项"):
            # The 本年废止件数 cells printed loose above the table, each with its note, as a converter
            # leaves a PDF's annotated cells; the rows keep two of their three figures.
            for row in body:
                out += [row.pop(2), "（含自然失效 0 件）"]
        out += md_table([header] + body) + [""]
    out += ["## " + HEADINGS["三"], "", APPLICATION_HEADER[0], ""]
    for group, rows in APPLICATIONS:
        # Header cells split over lines before each table of a row group.
        out += ["申请人情况", "自然人", "法人或其他", "组织", ""]
        if group:
            out += ["### " + group]
        out += md_table([["(数据项目)"] + [f"数据{i}" for i in range(1, 8)]] + [[label] + src.row(key) for label, key in rows]) + [""]
    out += ["## " + HEADINGS["四"], ""]
    for title, group in REVIEW_GROUPS:
        out += ["### " + title] + md_table([[c for c, _ in REVIEW_COLS], src.review(group)]) + [""]
    out += [p + "\n" for p in src.after]
    return "\n".join(out) + "\n"


def vanished(src, rng):
    """Space-separated rows; zeros of （六）'s sub-rows and of 表四 printed blank, and the blanks gone."""
    out = [src.title, ""] + src.before + ["", HEADINGS["二"], ""]
    for caption, header, rows in ACTIVE:
        out += [caption, " ".join(header)]
        for label, key, cols in rows:
            out.append(" ".join([label] + ([src.active(key, c) for c in cols] if cols else [src.active(key, None)])))
        out.append("")
    out += [HEADINGS["三"], "", " ".join(APPLICATION_HEADER)]
    for group, rows in APPLICATIONS:
        if group:
            out.append(group)
        for label, key in rows:
            figures = src.row(key)
            if key.startswith("other"):
                figures = [v for v in figures if v != "0"]
            out.append(" ".join([label] + figures))
    out += ["", HEADINGS["四"], "", "行政复议 行政诉讼", " ".join(c for c, _ in REVIEW_COLS) + " 未经复议直接起诉 复议后起诉",
            " ".join([c for c, _ in REVIEW_COLS] * 2)]
    out.append(" ".join(v for _, g in REVIEW_GROUPS for v in src.review(g) if v != "0"))
    out += [""] + src.after
    return "\n".join(out) + "\n"


def labelless(src, rng):
    """（五）'s five sub-rows without labels, shuffled, their labels loose before them."""
    out = [src.title, ""] + src.before + ["", HEADINGS["二"], ""]
    for caption, header, rows in ACTIVE:
        out += [caption, "\t".join(header)]
        for label, key, cols in rows:
            out.append("\t".join([label] + ([src.active(key, c) for c in cols] if cols else [src.active(key, None)])))
        out.append("")
    out += [HEADINGS["三"], "", "\t".join(APPLICATION_HEADER)]
    for group, rows in APPLICATIONS:
        if group == "（五）不予处理":
            out.append(group)
            out += [label for label, _ in rows]
            order = list(range(len(rows)))
            while order == sorted(order):
                rng.shuffle(order)
            out += ["\t".join(src.row(rows[i][1])) for i in order]
            continue
        if group:
            out.append(group)
        out += ["\t".join([label] + src.row(key)) for label, key in rows]
    out += ["", HEADINGS["四"], "", "行政复议\t行政诉讼", "\t".join(c for c, _ in REVIEW_COLS) + "\t未经复议直接起诉\t复议后起诉",
            "\t".join([c for c, _ in REVIEW_COLS] * 2)]
    out.append("\t".join(v for _, g in REVIEW_GROUPS for v in src.review(g)))
    out += [""] + src.after
    return "\n".join(out) + "\n"


VARIANTS = [
    ("flat", flat, "the report after its title as one line, labels and figures run together, a few stray spaces inside runs of figures."),
    ("flatsections", flat_sections, "as flat, but each of sections 三, 四 and 五 starts a line of its own (表四 alone on its line)."),
    ("fragmented", fragmented, "markdown as a converter leaves it: 表二 a table per item, 表三 a table per row group (columns 数据1..7) with the header cells split over lines, 表四 as three small tables under headings."),
    ("vanished", vanished, "space-separated raw text; the zeros of （六）其他处理's sub-rows and of 表四 vanished (fewer figures than columns)."),
    ("labelless", labelless, "（五）不予处理's five sub-rows printed without labels in a shuffled order, their labels loose before them: placed by position at best, never ok."),
]


def main():
    files = {}
    for name in SOURCES:
        src = Source(name)
        for variant, make, notes in VARIANTS:
            rng = random.Random(f"{variant}-{name}")
            stem = f"{variant}-{name}"
            files[f"{stem}.txt"] = make(src, rng)
            files[f"{stem}.truth.json"] = src.truth_for(variant, notes)
    check = "--check" in sys.argv
    OUT.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = OUT / name
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != content:
                sys.exit(f"{path.name} differs from a fresh derivation")
        else:
            path.write_text(content, encoding="utf-8")
    print(("checked " if check else "wrote ") + f"{len(files)} files in {OUT.relative_to(TESTDATA.parent)}")


if __name__ == "__main__":
    main()
