#!/usr/bin/env python3
"""Generate Extractor's test fixtures: annual reports on government information disclosure
(政府信息公开工作年度报告, national template 国办公开办函〔2021〕30号) as HTML and plain text,
each with a truth file `<case>.truth.json` beside it.

Usage (from the repository root or anywhere):
    python3 scripts/testdata/generate.py            # write testdata/html and testdata/text, then self-check
    python3 scripts/testdata/generate.py --check    # only self-check the files already written
    python3 scripts/testdata/generate.py --check-pdf OUT.pdf SOURCE.html [split] [landscape]
    python3 scripts/testdata/generate.py --check-docx OUT.docx SOURCE.html
    python3 scripts/testdata/generate.py --copy-truth SRC.truth.json DST.truth.json NOTE

Standard library only. Deterministic: every case draws from its own random.Random seeded with
SEED and the case name, so re-running reproduces the same bytes.

Truth values are what the document PRINTS (a blank cell is 0); broken cases keep their wrong
figures and the self-check asserts that the template arithmetic fails exactly where intended.
"""

import html
import json
import random
import re
import shutil
import subprocess
import sys
import unicodedata
from html.parser import HTMLParser
from itertools import combinations
from pathlib import Path

SEED = 20240611
REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "testdata"
SHARED_FIELDS = REPO.parent / "shared" / "design" / "fields.tsv"  # optional cross-check
SEED_SOURCE = REPO.parent / "shared" / "corpus" / "seed"          # optional: the real seed report

# ---------------------------------------------------------------------------------------------
# Schema: the 200 fields in the order of fields.tsv
# ---------------------------------------------------------------------------------------------

COLS = ["natural", "commercial", "research", "socialWelfare", "legalService", "other", "total"]
APPLICANTS = COLS[:6]

# (key, group A, group B, canonical label)
ROWS = [
    ("newReceived", None, None, "一、本年新收政府信息公开申请数量"),
    ("carriedOver", None, None, "二、上年结转政府信息公开申请数量"),
    ("granted", "results", None, "（一）予以公开"),
    ("partiallyGranted", "results", None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("deniedStateSecret", "results", "denied", "1.属于国家秘密"),
    ("deniedProhibitedByLaw", "results", "denied", "2.其他法律行政法规禁止公开"),
    ("deniedThreeSecurities", "results", "denied", "3.危及“三安全一稳定”"),
    ("deniedThirdPartyRights", "results", "denied", "4.保护第三方合法权益"),
    ("deniedInternalAffairs", "results", "denied", "5.属于三类内部事务信息"),
    ("deniedProcessInfo", "results", "denied", "6.属于四类过程性信息"),
    ("deniedEnforcementFiles", "results", "denied", "7.属于行政执法案卷"),
    ("deniedQueryMatters", "results", "denied", "8.属于行政查询事项"),
    ("unableNotHeld", "results", "unable", "1.本机关不掌握相关政府信息"),
    ("unableNeedsCreation", "results", "unable", "2.没有现成信息需要另行制作"),
    ("unableStillUnclear", "results", "unable", "3.补正后申请内容仍不明确"),
    ("notProcessedPetition", "results", "notProcessed", "1.信访举报投诉类申请"),
    ("notProcessedRepeated", "results", "notProcessed", "2.重复申请"),
    ("notProcessedPublications", "results", "notProcessed", "3.要求提供公开出版物"),
    ("notProcessedMassRepeated", "results", "notProcessed", "4.无正当理由大量反复申请"),
    ("notProcessedConfirmation", "results", "notProcessed", "5.要求行政机关确认或重新出具已获取信息"),
    ("otherOverdueCorrection", "results", "otherHandling",
     "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("otherOverdueFee", "results", "otherHandling",
     "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("otherOther", "results", "otherHandling", "3.其他"),
    ("resultsTotal", "results", None, "（七）总计"),
    ("carriedForward", None, None, "四、结转下年度继续办理"),
]
ROW_KEYS = [r[0] for r in ROWS]
OUTCOME_ROWS = ROW_KEYS[2:23]  # the 21 rows summed by （七）总计
OTHER_HANDLING_ROWS = ["otherOverdueCorrection", "otherOverdueFee", "otherOther"]

ACTIVE = [
    "active.regulations.issued", "active.regulations.repealed", "active.regulations.inForce",
    "active.normativeDocuments.issued", "active.normativeDocuments.repealed",
    "active.normativeDocuments.inForce",
    "active.licensing", "active.punishment", "active.enforcement", "active.feesWanYuan",
]
REVIEW_GROUPS = ["review", "litigationDirect", "litigationAfterReview"]
OUTCOMES = ["upheld", "corrected", "other", "pending", "total"]

FIELDS = (ACTIVE
          + [f"applications.{r}.{c}" for r in ROW_KEYS for c in COLS]
          + [f"reviewLitigation.{g}.{o}" for g in REVIEW_GROUPS for o in OUTCOMES])
assert len(FIELDS) == 200


def app(row, col):
    return f"applications.{row}.{col}"


def rev(group, outcome):
    return f"reviewLitigation.{group}.{outcome}"


def check_schema():
    """Cross-check FIELDS against the shared fields.tsv when that folder is beside the checkout."""
    if not SHARED_FIELDS.exists():
        return
    lines = SHARED_FIELDS.read_text(encoding="utf-8").splitlines()[1:]
    paths = [ln.split("\t")[0] for ln in lines if ln.strip()]
    assert paths == FIELDS, "FIELDS differ from fields.tsv"


# ---------------------------------------------------------------------------------------------
# Labels (canonical, and the variants seen in the wild)
# ---------------------------------------------------------------------------------------------

BASE_LABELS = {
    "sec1": "一、总体情况",
    "sec2": "二、主动公开政府信息情况",
    "sec3": "三、收到和处理政府信息公开申请情况",
    "sec4": "四、政府信息公开行政复议、行政诉讼情况",
    "sec5": "五、存在的主要问题及改进情况",
    "sec6": "六、其他需要报告的事项",
    "t2.g1": "第二十条第（一）项", "t2.g5": "第二十条第（五）项",
    "t2.g6": "第二十条第（六）项", "t2.g8": "第二十条第（八）项",
    "t2.content": "信息内容", "t2.issued": "本年制发件数", "t2.repealed": "本年废止件数",
    "t2.inForce": "现行有效件数", "t2.decisions": "本年处理决定数量",
    "t2.fees": "本年收费金额（单位：万元）",
    "t2.regulations": "规章", "t2.normativeDocuments": "行政规范性文件", "t2.licensing": "行政许可",
    "t2.punishment": "行政处罚", "t2.enforcement": "行政强制", "t2.feesWanYuan": "行政事业性收费",
    "t3.corner": "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    "t3.applicant": "申请人情况", "t3.natural": "自然人", "t3.org": "法人或其他组织",
    "t3.commercial": "商业企业", "t3.research": "科研机构", "t3.socialWelfare": "社会公益组织",
    "t3.legalService": "法律服务机构", "t3.other": "其他", "t3.total": "总计",
    "t3.results": "三、本年度办理结果", "t3.denied": "（三）不予公开", "t3.unable": "（四）无法提供",
    "t3.notProcessed": "（五）不予处理", "t3.otherHandling": "（六）其他处理",
    "t4.review": "行政复议", "t4.litigation": "行政诉讼", "t4.direct": "未经复议直接起诉",
    "t4.afterReview": "复议后起诉", "t4.upheld": "结果维持", "t4.corrected": "结果纠正",
    "t4.other": "其他结果", "t4.pending": "尚未审结", "t4.total": "总计",
}
for _key, _a, _b, _label in ROWS:
    BASE_LABELS["row." + _key] = _label


def labels(**overrides):
    d = dict(BASE_LABELS)
    for k, v in overrides.items():
        d[k.replace("__", ".")] = v
    return d


def halfwidth_brackets(s):
    return s.replace("（", "(").replace("）", ")")


# ---------------------------------------------------------------------------------------------
# Figures
# ---------------------------------------------------------------------------------------------

COL_WEIGHT = {"natural": 1.0, "commercial": 0.55, "research": 0.2, "socialWelfare": 0.25,
              "legalService": 0.35, "other": 0.4}
ROW_WEIGHT = {"granted": 1.0, "partiallyGranted": 0.45, "unableNotHeld": 0.7,
              "unableNeedsCreation": 0.3, "unableStillUnclear": 0.2, "notProcessedPetition": 0.3,
              "notProcessedRepeated": 0.3}


def gen_figures(rng, scale=1.0, density=0.75, fees=None, review_scale=1.0):
    """Consistent figures: every template check holds."""
    f = {}
    f["active.regulations.issued"] = rng.randint(0, 3)
    f["active.regulations.repealed"] = rng.randint(0, 2)
    f["active.regulations.inForce"] = rng.randint(4, 40)
    f["active.normativeDocuments.issued"] = rng.randint(1, 30)
    f["active.normativeDocuments.repealed"] = rng.randint(0, 12)
    f["active.normativeDocuments.inForce"] = rng.randint(20, 160)
    f["active.licensing"] = rng.randint(10, 3000)
    f["active.punishment"] = rng.randint(0, 900)
    f["active.enforcement"] = rng.randint(0, 60)
    if fees is None:
        fees = rng.choice([0, round(rng.uniform(0.5, 400), 2)])
    f["active.feesWanYuan"] = fees
    for c in APPLICANTS:
        s = 0
        for r in OUTCOME_ROWS:
            v = 0
            always = c == "natural" and r in ("granted", "partiallyGranted", "unableNotHeld")
            if always or rng.random() < density * (1.0 if c in ("natural", "commercial") else 0.8):
                base = 12.0 * scale * COL_WEIGHT[c] * ROW_WEIGHT.get(r, 0.15)
                v = 1 + int(rng.expovariate(1.0) * base)
            f[app(r, c)] = v
            s += v
        f[app("resultsTotal", c)] = s
        co = rng.randint(0, max(1, int(4 * scale * COL_WEIGHT[c])))
        cf = rng.randint(0, max(1, int(4 * scale * COL_WEIGHT[c])))
        if co > s + cf:
            co = s + cf
        f[app("carriedOver", c)] = co
        f[app("carriedForward", c)] = cf
        f[app("newReceived", c)] = s + cf - co
    for r in ROW_KEYS:
        f[app(r, "total")] = sum(f[app(r, c)] for c in APPLICANTS)
    for g in REVIEW_GROUPS:
        parts = [rng.randint(0, max(1, int(5 * review_scale))) if rng.random() < 0.8 else 0
                 for _ in range(4)]
        for o, v in zip(OUTCOMES[:4], parts):
            f[rev(g, o)] = v
        f[rev(g, "total")] = sum(parts)
    return f


def zero_rows(f, rows):
    """Set whole 表三 rows to 0 and restore the arithmetic by moving the amounts to （一）予以公开."""
    for r in rows:
        for c in APPLICANTS:
            f[app("granted", c)] += f[app(r, c)]
            f[app(r, c)] = 0
    for r in ROW_KEYS:
        f[app(r, "total")] = sum(f[app(r, c)] for c in APPLICANTS)


def zero_cells(f, rng, share):
    """Zero a share of the applicant cells of the outcome rows and keep the arithmetic: （七）总计 of
    the column drops by the cell's value, and so does 一、本年新收 (or 二、上年结转 where 一 runs out)."""
    for r in OUTCOME_ROWS:
        for c in APPLICANTS:
            if f[app(r, c)] and rng.random() < share:
                v = f[app(r, c)]
                f[app(r, c)] = 0
                f[app("resultsTotal", c)] -= v
                take = min(v, f[app("newReceived", c)])
                f[app("newReceived", c)] -= take
                f[app("carriedOver", c)] -= v - take
    for r in ROW_KEYS:
        f[app(r, "total")] = sum(f[app(r, c)] for c in APPLICANTS)


# ---------------------------------------------------------------------------------------------
# Template arithmetic (勾稽关系)
# ---------------------------------------------------------------------------------------------

def failed_checks(f, prose_count=None):
    """Ids of the template checks that fail on the printed figures."""
    bad = set()
    for r in ROW_KEYS:
        if f[app(r, "total")] != sum(f[app(r, c)] for c in APPLICANTS):
            bad.add(f"row:{r}")
    for c in COLS:
        if f[app("resultsTotal", c)] != sum(f[app(r, c)] for r in OUTCOME_ROWS):
            bad.add(f"results:{c}")
        if (f[app("newReceived", c)] + f[app("carriedOver", c)]
                != f[app("resultsTotal", c)] + f[app("carriedForward", c)]):
            bad.add(f"balance:{c}")
    for g in REVIEW_GROUPS:
        if f[rev(g, "total")] != sum(f[rev(g, o)] for o in OUTCOMES[:4]):
            bad.add(f"review:{g}")
    if prose_count is not None and prose_count != f[app("newReceived", "total")]:
        bad.add("prose:newReceived")
    for p in FIELDS:
        v = f[p]
        if v is not None and (v < 0 or (p != "active.feesWanYuan" and v != int(v))):
            bad.add(f"value:{p}")
    return bad


# ---------------------------------------------------------------------------------------------
# Printed values
# ---------------------------------------------------------------------------------------------

FULLWIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")
HALFWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
BLANK_TOKENS = {"", "/", "／", "—", "-", "无"}


def plain_number(v):
    if isinstance(v, float) and v != int(v):
        return f"{v:.2f}".rstrip("0")
    return str(int(v))


def parse_printed(text):
    """The number a printed cell means: blank markers mean 0; None if not a number at all."""
    t = text.replace("\xa0", " ").strip().translate(HALFWIDTH)
    if t in BLANK_TOKENS:
        return 0
    t = t.replace(",", "")
    if re.fullmatch(r"\d+", t):
        return int(t)
    if re.fullmatch(r"\d+\.\d+", t):
        return float(t)
    return None


class Printer:
    """Decides how each value cell is printed: plain, blank marker, full-width, thousands separator."""

    def __init__(self, special=None):
        self.special = special or {}

    def __call__(self, path, value):
        if path in self.special:
            return self.special[path]
        return plain_number(value)


# ---------------------------------------------------------------------------------------------
# Table grids
# ---------------------------------------------------------------------------------------------

class Cell:
    def __init__(self, text, rs=1, cs=1, kind="label", paths=None):
        self.text, self.rs, self.cs, self.kind = text, rs, cs, kind
        self.paths = paths or []

    def __repr__(self):
        return f"Cell({self.text!r}, rs={self.rs}, cs={self.cs}, {self.kind})"


class Table:
    def __init__(self, name, rows, ncols, widths=None):
        self.name, self.rows, self.ncols = name, rows, ncols
        self.widths = widths  # relative column widths, for <colgroup>

    def placed(self):
        """[(row index, column index, cell)] with rowspan/colspan expanded."""
        taken = set()
        out = []
        for ri, row in enumerate(self.rows):
            ci = 0
            for cell in row:
                while (ri, ci) in taken:
                    ci += 1
                out.append((ri, ci, cell))
                for dr in range(cell.rs):
                    for dc in range(cell.cs):
                        taken.add((ri + dr, ci + dc))
                ci += cell.cs
        width = max(c for _, c in taken) + 1
        assert width == self.ncols, f"{self.name}: grid is {width} wide, expected {self.ncols}"
        return out

    def value_cells(self):
        return [c for row in self.rows for c in row if c.kind == "value"]


def val(f, pr, paths):
    return Cell(pr(paths[0], f[paths[0]]), kind="value", paths=paths)


def build_t2(f, L, pr, lspan=1, vspan=1):
    """表二 as one grid: four sub-tables 第二十条第（一）（五）（六）（八）项."""
    w = lspan + 3 * vspan

    def title(key):
        return [Cell(L[key], cs=w, kind="title")]

    def head(*keys):
        if len(keys) == 1:
            return [Cell(L["t2.content"], cs=lspan, kind="head"), Cell(L[keys[0]], cs=3 * vspan, kind="head")]
        return [Cell(L["t2.content"], cs=lspan, kind="head")] + [Cell(L[k], cs=vspan, kind="head") for k in keys]

    def row3(key):
        return [Cell(L["t2." + key], cs=lspan)] + [
            Cell(pr(p, f[p]), cs=vspan, kind="value", paths=[p])
            for p in (f"active.{key}.issued", f"active.{key}.repealed", f"active.{key}.inForce")]

    def row1(key):
        p = "active." + key
        return [Cell(L["t2." + key], cs=lspan), Cell(pr(p, f[p]), cs=3 * vspan, kind="value", paths=[p])]

    rows = [title("t2.g1"), head("t2.issued", "t2.repealed", "t2.inForce"),
            row3("regulations"), row3("normativeDocuments"),
            title("t2.g5"), head("t2.decisions"), row1("licensing"),
            title("t2.g6"), head("t2.decisions"), row1("punishment"), row1("enforcement"),
            title("t2.g8"), head("t2.fees"), row1("feesWanYuan")]
    widths = [34] * lspan + [22] * (3 * vspan) if lspan == 1 and vspan == 1 else None
    return Table("t2", rows, w, widths)


def split_t2(t2):
    """The four sub-tables of 表二 as separate tables."""
    starts = [i for i, r in enumerate(t2.rows) if r[0].kind == "title"] + [len(t2.rows)]
    return [Table(f"t2.{n}", t2.rows[a:b], t2.ncols, t2.widths) for n, (a, b) in enumerate(zip(starts, starts[1:]))]


def t3_data_rows(collapsed_other):
    rows = []
    for key, a, b, _ in ROWS:
        if collapsed_other and key in OTHER_HANDLING_ROWS:
            if key == OTHER_HANDLING_ROWS[0]:
                rows.append(("otherCollapsed", "results", None))
            continue
        rows.append((key, a, b))
    return rows


GROUP_LABEL = {"results": "t3.results", "denied": "t3.denied", "unable": "t3.unable",
               "notProcessed": "t3.notProcessed", "otherHandling": "t3.otherHandling"}
T3_WIDTHS = [8, 9, 27, 8, 8, 8, 8, 8, 8, 8]


def build_t3(f, L, pr, collapsed_other=False, cspan=1, split_before=None):
    """表三 as one grid (or two when split_before names the first row of the continuation)."""
    data = t3_data_rows(collapsed_other)
    parts = [data]
    if split_before:
        i = [d[0] for d in data].index(split_before)
        parts = [data[:i], data[i:]]
    ncols = 2 + cspan + 7
    tables = []
    for pi, part in enumerate(parts):
        rows = []
        if pi == 0:
            rows.append([Cell(L["t3.corner"], rs=3, cs=2 + cspan, kind="head"),
                         Cell(L["t3.applicant"], cs=7, kind="head")])
            rows.append([Cell(L["t3.natural"], rs=2, kind="head"), Cell(L["t3.org"], cs=5, kind="head"),
                         Cell(L["t3.total"], rs=2, kind="head")])
            rows.append([Cell(L["t3." + c], kind="head") for c in APPLICANTS[1:]])
        for i, (key, a, b) in enumerate(part):
            cells = []
            if a is None:
                cells.append(Cell(L["row." + key], cs=2 + cspan))
            else:
                if i == 0 or part[i - 1][1] != a:
                    run = next((j for j in range(i, len(part)) if part[j][1] != a), len(part)) - i
                    started_before = pi > 0 and i == 0
                    cells.append(Cell("" if started_before else L[GROUP_LABEL[a]], rs=run, kind="group"))
                if b is None:
                    text = L["t3.otherHandling"] if key == "otherCollapsed" else L["row." + key]
                    cells.append(Cell(text, cs=1 + cspan))
                else:
                    if i == 0 or part[i - 1][2] != b:
                        run = next((j for j in range(i, len(part)) if part[j][2] != b), len(part)) - i
                        first = data.index(part[0])
                        started_before = pi > 0 and i == 0 and first > 0 and data[first - 1][2] == b
                        cells.append(Cell("" if started_before else L[GROUP_LABEL[b]], rs=run, kind="group"))
                    cells.append(Cell(L["row." + key], cs=cspan))
            for c in COLS:
                if key == "otherCollapsed":
                    paths = [app(r, c) for r in OTHER_HANDLING_ROWS]
                else:
                    paths = [app(key, c)]
                cells.append(val(f, pr, paths))
            rows.append(cells)
        tables.append(Table("t3" if len(parts) == 1 else f"t3.{pi}", rows, ncols,
                            T3_WIDTHS if cspan == 1 else None))
    return tables if split_before else tables[0]


def build_t4(f, L, pr, style="template"):
    """表四. style 'template': the five 行政复议 outcome labels sit in the second header row with
    rowspan 2; style 'stacked': 行政复议 has rowspan 2 and all 15 outcome labels are in row three."""
    if style == "template":
        rows = [[Cell(L["t4.review"], cs=5, kind="head"), Cell(L["t4.litigation"], cs=10, kind="head")],
                [Cell(L["t4." + o], rs=2, kind="head") for o in OUTCOMES]
                + [Cell(L["t4.direct"], cs=5, kind="head"), Cell(L["t4.afterReview"], cs=5, kind="head")],
                [Cell(L["t4." + o], kind="head") for o in OUTCOMES] * 2]
    else:
        rows = [[Cell(L["t4.review"], rs=2, cs=5, kind="head"), Cell(L["t4.litigation"], cs=10, kind="head")],
                [Cell(L["t4.direct"], cs=5, kind="head"), Cell(L["t4.afterReview"], cs=5, kind="head")],
                [Cell(L["t4." + o], kind="head") for o in OUTCOMES] * 3]
    rows.append([val(f, pr, [rev(g, o)]) for g in REVIEW_GROUPS for o in OUTCOMES])
    return Table("t4", rows, 15, [1] * 15)


def combine_tables(name, parts, ncols):
    """One grid holding several tables and full-width heading rows (strings)."""
    rows = []
    for p in parts:
        if isinstance(p, str):
            rows.append([Cell(p, cs=ncols, kind="title")])
        else:
            assert p.ncols == ncols
            rows.extend(p.rows)
    return Table(name, rows, ncols)


# ---------------------------------------------------------------------------------------------
# Prose
# ---------------------------------------------------------------------------------------------

def fmt_count(n, thousands=False):
    return f"{n:,}" if thousands else str(n)


class Doc:
    """Everything one case prints: title, prose, the tables, and its truth."""

    def __init__(self, name, agency, year, f, L=None, title=None, self_ref="我单位", notes=None):
        self.name, self.agency, self.year, self.f = name, agency, year, f
        self.L = L or labels()
        self.title = title or f"{agency}{year}年政府信息公开工作年度报告"
        self.self_ref = self_ref
        self.notes = list(notes or [])
        self.prose_count = f[app("newReceived", "total")]
        self.intended = set()
        self.citation = "国办公开办函〔2021〕30号"
        self.long_prose = False
        self.thousands_in_prose = False
        self.sign_date = None
        self.t4_style = "template"

    def intro(self, rng):
        contact = rng.choice(["办公室", "党政办公室", "政务公开办公室", "综合办公室"])
        phone = f"0{rng.randint(510, 919)}-{rng.randint(2000000, 8999999)}"
        return (f"根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室"
                f"关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（{self.citation}）要求，"
                f"{self.agency}编制本报告。本报告中所列数据的统计期限自{self.year}年1月1日起至{self.year}年12月31日止。"
                f"如对本报告有疑问，请与{self.agency}{contact}联系（联系电话：{phone}）。")

    def overview(self, rng):
        f, y, me = self.f, self.year, self.self_ref
        n = fmt_count(self.prose_count, self.thousands_in_prose)
        m = rng.randint(120, 2400)
        paras = [
            f"{y}年，{me}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《条例》和上级政务公开工作要点，"
            f"围绕中心工作，持续推进决策、执行、管理、服务、结果公开，不断提升政府信息公开工作质量。",
            f"（一）主动公开。全年通过门户网站、政务新媒体和公开栏主动公开政府信息{m}条，其中政策文件"
            f"{rng.randint(5, 60)}条、工作动态{rng.randint(40, 600)}条、财政预决算信息{rng.randint(2, 20)}条，"
            f"发布政策解读{rng.randint(2, 30)}篇。",
            f"（二）依申请公开。全年共收到政府信息公开申请{n}件，上年结转{f[app('carriedOver', 'total')]}件；"
            f"办结{f[app('resultsTotal', 'total')]}件，结转下年度继续办理{f[app('carriedForward', 'total')]}件。"
            f"所有申请均在法定期限内答复。",
            "（三）政府信息管理。严格落实信息发布“三审”制度，对拟公开信息逐条审查，防止泄露国家秘密和个人隐私；"
            "及时清理过期失效信息，保证公开信息的准确性和时效性。",
            "（四）平台建设。持续优化门户网站政府信息公开专栏，规范栏目设置，在便民服务中心设置政府信息查阅点，"
            "方便群众查阅和申请。",
            f"（五）监督保障。将政务公开工作纳入年度目标考核，全年组织业务培训{rng.randint(2, 9)}次，"
            f"接受社会评议，未发生因政府信息公开工作受到责任追究的情况。",
        ]
        if self.long_prose:
            paras[3:3] = [
                "围绕群众关心关注的就业创业、教育医疗、社会救助、乡村振兴、安全生产等重点领域，及时公开政策措施和实施情况，"
                "通过图文、视频等多种形式开展政策解读，回应社会关切。对重大决策事项，事前公开草案征求意见，事后公开意见采纳情况。",
                "在依申请公开办理中，严格执行登记、审核、答复、归档各环节要求，对申请内容不明确的及时告知补正，"
                "对不属于本机关公开职责的耐心做好解释说明，切实保障申请人的合法权益。"
                "同时加强与法律顾问的沟通，确保每一份答复书的依据充分、程序规范、告知完整。",
                "在政务公开平台建设中，进一步规范政府信息公开指南和目录，统一栏目名称和发布格式，"
                "推动政务新媒体与门户网站信息同步发布，持续提升公开内容的可读性、可视性和便利性。",
            ]
        return paras

    def problems(self, rng):
        return [
            "（一）存在的主要问题。一是政府信息公开的主动性还不够强，部分信息发布不够及时；"
            "二是政策解读形式较为单一，图解、视频等解读方式运用不多；三是基层公开场所标准化建设仍需加强。",
            "（二）改进情况。一是健全信息发布工作机制，明确责任分工和发布时限；二是丰富政策解读形式，"
            "提高解读的针对性和可读性；三是加强业务培训，提升工作人员的政务公开能力和水平。",
        ]

    def other_matters(self, rng):
        return [f"{self.self_ref}{self.year}年度未发出政府信息公开信息处理费收费通知，未收取信息处理费。"]

    def signature(self):
        d = self.sign_date or f"{self.year + 1}年1月20日"
        return [self.agency, d]


# ---------------------------------------------------------------------------------------------
# Document blocks (format-neutral)
# ---------------------------------------------------------------------------------------------

def blocks(doc, rng, t2=None, t3=None, t4=None, single=None, split_t2_tables=False,
           sec_intro=None, title_lines=None):
    """The report as a list of blocks: ('title'|'h'|'p'|'table'|'sign', payload)."""
    L, f = doc.L, doc.f
    pr = doc.printer
    t2 = t2 or build_t2(f, L, pr)
    t3 = t3 or build_t3(f, L, pr)
    t4 = t4 or build_t4(f, L, pr, doc.t4_style)
    out = [("title", line) for line in (title_lines or [doc.title])]
    out.append(("p", doc.intro(rng)))
    out.append(("h", L["sec1"]))
    out += [("p", p) for p in doc.overview(rng)]
    out.append(("h", L["sec2"]))
    if single is not None:
        out.append(("table", single))
    else:
        if sec_intro:
            out.append(("p", sec_intro))
        if split_t2_tables:
            out += [("table", t) for t in split_t2(t2)]
        else:
            out.append(("table", t2))
        out.append(("h", L["sec3"]))
        for t in (t3 if isinstance(t3, list) else [t3]):
            out.append(("table", t))
        out.append(("h", L["sec4"]))
        out.append(("table", t4))
    out.append(("h", L["sec5"]))
    out += [("p", p) for p in doc.problems(rng)]
    out.append(("h", L["sec6"]))
    out += [("p", p) for p in doc.other_matters(rng)]
    out.append(("sign", doc.signature()))
    return out


# ---------------------------------------------------------------------------------------------
# HTML renderers
# ---------------------------------------------------------------------------------------------

def esc(text):
    return html.escape(text, quote=False).replace("\xa0", "&nbsp;").replace("\n", "<br>")


class HtmlStyle:
    """Knobs for one HTML rendering."""

    def __init__(self, **kw):
        self.table_attrs = 'border="1" cellspacing="0" cellpadding="4" width="100%"'
        self.head_tag = "td"
        self.colgroup = True
        self.cell_inner = None       # function(cell) -> inner html; default escapes the text
        self.td_attrs = None         # function(cell) -> extra attribute string
        self.thead = False
        self.indent = "  "
        self.__dict__.update(kw)


def html_table(tbl, st, record):
    """One <table>. Every cell's text is appended to `record` in document order."""
    ind = st.indent
    out = [f"{ind}<table {st.table_attrs}>"]
    if st.colgroup and tbl.widths:
        total = sum(tbl.widths)
        # absolute widths as HTML attributes: LibreOffice ignores CSS table widths
        out.append(f"{ind}  <colgroup>" + "".join(
            f'<col width="{round(640 * w / total)}">' for w in tbl.widths) + "</colgroup>")
    head_rows = 0
    if st.thead:
        while head_rows < len(tbl.rows) and all(c.kind == "head" for c in tbl.rows[head_rows]):
            head_rows += 1
        if head_rows:
            out.append(f"{ind}  <thead>")
    for ri, row in enumerate(tbl.rows):
        if st.thead and head_rows and ri == head_rows:
            out.append(f"{ind}  </thead>")
            out.append(f"{ind}  <tbody>")
        parts = []
        for c in row:
            tag = st.head_tag if c.kind in ("head", "title") else "td"
            attrs = ""
            if c.rs > 1:
                attrs += f' rowspan="{c.rs}"'
            if c.cs > 1:
                attrs += f' colspan="{c.cs}"'
            if st.td_attrs:
                attrs += st.td_attrs(c)
            inner = st.cell_inner(c) if st.cell_inner else esc(c.text)
            parts.append(f"<{tag}{attrs}>{inner}</{tag}>")
            record.append(c.text)
        out.append(f"{ind}  <tr>" + "".join(parts) + "</tr>")
    if st.thead and head_rows:
        out.append(f"{ind}  </tbody>")
    out.append(f"{ind}</table>")
    return "\n".join(out)


def html_doc(blks, st, head_extra="", charset_meta='<meta charset="utf-8">', css="", body_open="<body>",
             body_close="</body>", title_tag=None, p=None, h=None, between_tables=None):
    """A complete HTML page. Returns (html text, recorded cell texts)."""
    record = []
    p = p or (lambda t: f"<p>{esc(t)}</p>")
    h = h or (lambda t: f"<h2>{esc(t)}</h2>")
    lines = ["<!DOCTYPE html>", '<html lang="zh-CN">', "<head>", charset_meta,
             f"<title>{esc(title_tag or blks[0][1])}</title>"]
    if css:
        lines.append("<style>\n" + css.strip() + "\n</style>")
    if head_extra:
        lines.append(head_extra)
    lines += ["</head>", body_open]
    prev = None
    for kind, payload in blks:
        if kind == "title":
            lines.append(f'<h1 class="title">{esc(payload)}</h1>')
        elif kind == "h":
            lines.append(h(payload))
        elif kind == "p":
            lines.append(p(payload))
        elif kind == "table":
            if prev == "table" and between_tables:
                lines.append(between_tables)
            lines.append(html_table(payload, st, record))
        elif kind == "sign":
            lines += [f'<p class="sign">{esc(t)}</p>' for t in payload]
        elif kind == "raw":
            lines.append(payload)
        prev = kind
    lines += [body_close, "</html>", ""]
    return "\n".join(lines), record


CSS_PRINT = """
body, h1, h2, p, td, th { font-family: %s; }
body { font-size: 10.5pt; line-height: 1.6; margin: 2em; }
h1 { font-size: 16pt; text-align: center; font-weight: normal; }
h2 { font-size: 12pt; font-weight: normal; margin: 1em 0 0.4em 0; }
p { text-indent: 2em; margin: 0.3em 0; }
p.sign { text-align: right; text-indent: 0; }
table { border-collapse: collapse; margin: 0.5em 0 1em 0; }
td, th { font-size: 9pt; text-align: center; vertical-align: middle; font-weight: normal; }
"""

RULED = "td, th { border: 1px solid #000; padding: 2px 3px; }\n"


# ---------------------------------------------------------------------------------------------
# Text renderers
# ---------------------------------------------------------------------------------------------

def dwidth(s):
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in s)


def wrap(text, width):
    """Break text into lines of at most `width` display columns (explicit newlines kept)."""
    lines = []
    for para in text.split("\n"):
        cur, w = "", 0
        for ch in para:
            cw = dwidth(ch)
            if w + cw > width and cur:
                lines.append(cur)
                cur, w = "", 0
            cur += ch
            w += cw
        lines.append(cur)
    return lines


def text_grid_rows(tbl, pad_colspan=False):
    """Rows as lists of cell strings, the way copying a Word table yields them: a rowspan
    continuation leaves an empty cell; a colspan gives one cell (or pads with empties)."""
    placed = tbl.placed()
    by_row = {}
    for ri, ci, cell in placed:
        by_row.setdefault(ri, []).append((ci, cell))
    covered = {}
    for ri, ci, cell in placed:
        for dr in range(1, cell.rs):
            for dc in range(cell.cs):
                covered[(ri + dr, ci + dc)] = cell
    out = []
    for ri in range(len(tbl.rows)):
        starts = {ci: cell for ci, cell in by_row.get(ri, [])}
        row, ci = [], 0
        while ci < tbl.ncols:
            if ci in starts:
                cell = starts[ci]
                row.append((cell.text.replace("\n", ""), cell))
                if pad_colspan:
                    row += [("", None)] * (cell.cs - 1)
                ci += cell.cs
            elif (ri, ci) in covered:
                cell = covered[(ri, ci)]
                row.append(("", None))
                ci += cell.cs
            else:
                ci += 1
        out.append(row)
    return out


def layout_table(tbl, widths, gap=2):
    """Render a grid the way `pdftotext -layout` prints a ruled table: text placed by column,
    long labels wrapped inside their cell, cell content vertically centred.
    Returns a list of (line, breakable_before)."""
    placed = tbl.placed()
    x = [0]
    for w in widths:
        x.append(x[-1] + w + gap)
    nrows = len(tbl.rows)

    def cw(ci, cs):
        return x[ci + cs] - x[ci] - gap

    lines_of = {}
    for ri, ci, cell in placed:
        lines_of[id(cell)] = wrap(cell.text, cw(ci, cell.cs)) if cell.text else [""]
    h = [1] * nrows
    for ri, ci, cell in placed:
        if cell.rs == 1:
            h[ri] = max(h[ri], len(lines_of[id(cell)]))
    for ri, ci, cell in placed:
        if cell.rs > 1:
            need = len(lines_of[id(cell)]) - sum(h[ri:ri + cell.rs])
            if need > 0:
                h[ri + cell.rs - 1] += need
    y = [0]
    for v in h:
        y.append(y[-1] + v)
    canvas = [[] for _ in range(y[-1])]

    def put(line_no, col, text):
        row = canvas[line_no]
        while len(row) < col:
            row.append(" ")
        for ch in text:
            if len(row) > col:
                row[col:col + 1] = [ch]
            else:
                row.append(ch)
            col += 1
            if dwidth(ch) == 2:
                if len(row) > col:
                    row[col:col + 1] = [""]
                else:
                    row.append("")
                col += 1

    for ri, ci, cell in placed:
        ls = lines_of[id(cell)]
        span_h = y[ri + cell.rs] - y[ri]
        top = y[ri] + (span_h - len(ls)) // 2
        width = cw(ci, cell.cs)
        for k, text in enumerate(ls):
            if not text:
                continue
            pad = (width - dwidth(text)) // 2 if cell.kind in ("value", "head", "title") else 0
            put(top + k, x[ci] + pad, text)
    out = []
    for li, row in enumerate(canvas):
        breakable = li in y  # a page may break only between table rows
        out.append(("".join(row).rstrip(), breakable))
    return out


def assemble_text(blks, table_renderer, para_sep="\n\n"):
    """Plain text: paragraphs separated by blank lines, tables as the renderer writes them."""
    chunks = []
    for kind, payload in blks:
        if kind in ("title", "h", "p"):
            chunks.append(payload)
        elif kind == "table":
            chunks.append(table_renderer(payload))
        elif kind == "sign":
            chunks.append("\n".join(payload))
    return para_sep.join(chunks) + "\n"


# ---------------------------------------------------------------------------------------------
# Self-check helpers
# ---------------------------------------------------------------------------------------------

class CellCollector(HTMLParser):
    """Texts of the innermost <td>/<th> cells in document order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.cells = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script", "title"):
            self.skip += 1
        if tag in ("td", "th"):
            self.stack.append({"text": [], "nested": False})
        elif tag == "table":
            for s in self.stack:
                s["nested"] = True
        elif tag == "br" and self.stack:
            self.stack[-1]["text"].append("\n")

    def handle_endtag(self, tag):
        if tag in ("style", "script", "title"):
            self.skip -= 1
        if tag in ("td", "th") and self.stack:
            s = self.stack.pop()
            if not s["nested"]:
                self.cells.append("".join(s["text"]))

    def handle_data(self, data):
        if self.stack and not self.skip:
            self.stack[-1]["text"].append(data)


class TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script", "title"):
            self.skip += 1
        if tag in ("p", "br", "tr", "h1", "h2", "h3", "div", "table", "li"):
            self.parts.append("\n")
        if tag in ("td", "th"):
            self.parts.append("\t")

    def handle_endtag(self, tag):
        if tag in ("style", "script", "title"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def squash(s):
    return re.sub(r"\s+", "", s.replace("\xa0", " "))


def number_tokens(text):
    """Standalone numbers (separated by whitespace or '|'), normalised; page footers skipped."""
    out = []
    for line in text.split("\n"):
        if re.fullmatch(r"\s*[—-]\s*\d+\s*[—-]\s*", line.replace("\f", "")):
            continue
        for tok in re.split(r"[\s|\f]+", line):
            if not tok:
                continue
            t = tok.translate(HALFWIDTH)
            if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d+)?", t):
                out.append(parse_printed(t))
    return out


def table_region(text, doc):
    a = text.index(doc.L["sec2"])
    b = text.index(doc.L["sec5"], a)
    return text[a:b]


# ---------------------------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------------------------

CASES = []


def case(fn):
    CASES.append(fn)
    return fn


class Output:
    """One written fixture: its bytes, its Doc (truth), and what the self-check needs."""

    def __init__(self, rel, data, doc, fmt, text, grids, record=None, skip_token_rows=None,
                 run_rows=None, extra_after=None):
        self.extra_after = extra_after or {}  # path -> stray number printed right after that cell
        self.run_rows = run_rows or {}        # 表三 row key -> its line printed with no separators
        self.rel, self.data, self.doc, self.fmt, self.text = rel, data, doc, fmt, text
        self.grids = grids            # tables whose value cells the document prints
        self.record = record          # html: cell texts in document order


def all_grids(blks):
    return [payload for kind, payload in blks if kind == "table"]


def rng_for(name):
    return random.Random(f"{SEED}:{name}")


def standard_html(doc, rng, font, ruled=True, landscape=False, extra_css="", **blk_kw):
    blks = blocks(doc, rng, **blk_kw)
    css = CSS_PRINT % font + (RULED if ruled else "")
    if landscape:
        css = "@page { size: A4 landscape; margin: 15mm; }\n" + css
    css += extra_css
    st = HtmlStyle()
    if not ruled:
        st.table_attrs = 'border="0" cellspacing="0" cellpadding="3" width="100%"'
    text, record = html_doc(blks, st, css=css)
    return text, record, blks


NOTO = '"Noto Serif CJK SC", "Noto Sans CJK SC", serif'
UMING = '"AR PL UMing CN", serif'


@case
def clean_template():
    name = "clean-template"
    rng = rng_for(name)
    f = gen_figures(rng, scale=1.4)
    doc = Doc(name, "青河县柳塘镇人民政府", 2023, f, self_ref="我镇")
    doc.printer = Printer()
    doc.long_prose = True
    text, record, blks = standard_html(doc, rng, NOTO)
    doc.notes.append("Clean template HTML: one <table> per table (表二 as one table with its four sub-tables), "
                     "rowspan/colspan as in the template, UTF-8 meta. All figures printed as plain digits; "
                     "arithmetic consistent. Source of pdf/lo-type1-ruled-pagebreak.pdf and docx/clean-template.docx.")
    return [Output(f"html/{name}.html", text.encode("utf-8"), doc, "html", text, all_grids(blks), record)]


def mso_cell_inner(rng):
    def inner(c):
        size = "10.5pt" if c.kind != "value" else "10.0pt"
        if c.kind == "value":
            if c.text.strip("\xa0") == "":
                return "<p class=MsoNormal align=center style='text-align:center'><span lang=EN-US>" \
                       "<o:p>&nbsp;</o:p></span></p>"
            t = c.text
            if len(t) >= 2 and rng.random() < 0.15:  # a number split over two runs
                runs = f"<span lang=EN-US style='font-size:{size}'>{t[:1]}</span><span\nlang=EN-US " \
                       f"style='font-size:{size}'>{t[1:]}</span>"
            else:
                runs = f"<span lang=EN-US style='font-size:{size};font-family:\"Times New Roman\",serif'>{t}</span>"
            return f"<p class=MsoNormal align=center style='text-align:center;line-height:15.0pt;" \
                   f"mso-line-height-rule:exactly'>{runs}</p>"
        t = esc(c.text)
        if len(c.text) > 8 and rng.random() < 0.4:
            k = len(c.text) // 2
            t = (f"{esc(c.text[:k])}</span><span style='font-size:{size};font-family:宋体;mso-ascii-font-family:"
                 f"\"Times New Roman\"'>{esc(c.text[k:])}")
        align = "center" if c.kind in ("head", "title", "group") else "left"
        return (f"<p class=MsoNormal align={align} style='text-align:{align}'><span style='font-size:{size};"
                f"font-family:宋体;mso-ascii-font-family:\"Times New Roman\";mso-hansi-font-family:\"Times New Roman\"'>"
                f"{t}</span></p>")
    return inner


def mso_td_attrs(c):
    w = 57 * c.cs
    return (f" width={w} valign=middle style='width:{w / 1.33:.1f}pt;border:solid windowtext 1.0pt;"
            f"border-top:none;mso-border-top-alt:solid windowtext .5pt;mso-border-alt:solid windowtext .5pt;"
            f"padding:0cm 5.4pt 0cm 5.4pt'")


@case
def word_export_mso():
    name = "word-export-mso"
    rng = rng_for(name)
    f = gen_figures(rng, scale=2.0)
    doc = Doc(name, "江岚市自然资源和规划局", 2023, f, self_ref="我局")
    # some zero cells printed as Word's empty paragraph (&nbsp;)
    special = {}
    zeros = [p for p in FIELDS if f[p] == 0 and p.startswith("applications.")]
    for p in rng.sample(zeros, min(6, len(zeros))):
        special[p] = "\xa0"
    doc.printer = Printer(special)
    blks = blocks(doc, rng)
    st = HtmlStyle(table_attrs="class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 width=\"100%\" "
                               "style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;"
                               "mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'",
                   cell_inner=mso_cell_inner(rng), td_attrs=mso_td_attrs, colgroup=False, indent="")
    head_extra = ("<!--[if gte mso 9]><xml>\n<o:DocumentProperties>\n<o:Author>admin</o:Author>\n"
                  "<o:Pages>5</o:Pages>\n</o:DocumentProperties>\n</xml><![endif]-->")
    css = ("/* Font Definitions */\n@font-face\n\t{font-family:宋体;\n\tpanose-1:2 1 6 0 3 1 1 1 1 1;}\n"
           "p.MsoNormal, li.MsoNormal, div.MsoNormal\n\t{mso-style-unhide:no;margin:0cm;text-align:justify;"
           "text-justify:inter-ideograph;font-size:10.5pt;font-family:\"Times New Roman\",serif;}\n"
           "@page WordSection1\n\t{size:595.3pt 841.9pt;margin:72.0pt 90.0pt 72.0pt 90.0pt;}\n"
           "div.WordSection1\n\t{page:WordSection1;}")
    record = []

    def p(t):
        return (f"<p class=MsoNormal style='text-indent:32.0pt;line-height:28.0pt;mso-line-height-rule:exactly'>"
                f"<span style='font-size:16.0pt;font-family:仿宋_GB2312'>{esc(t)}<span lang=EN-US><o:p></o:p>"
                f"</span></span></p>")

    def h(t):
        return (f"<p class=MsoNormal style='text-indent:32.0pt;line-height:28.0pt'><b><span "
                f"style='font-size:16.0pt;font-family:黑体'>{esc(t)}<span lang=EN-US><o:p></o:p></span></span></b></p>")

    lines = ['<html xmlns:v="urn:schemas-microsoft-com:vml"', 'xmlns:o="urn:schemas-microsoft-com:office:office"',
             'xmlns:w="urn:schemas-microsoft-com:office:word"', 'xmlns="http://www.w3.org/TR/REC-html40">',
             "<head>", '<meta http-equiv=Content-Type content="text/html; charset=utf-8">',
             '<meta name=ProgId content=Word.Document>', '<meta name=Generator content="Microsoft Word 15">',
             f"<title>{esc(doc.title)}</title>", head_extra, "<style>", "<!--", css, "-->", "</style>", "</head>",
             "<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>",
             "<div class=WordSection1 style='layout-grid:15.6pt'>"]
    for kind, payload in blks:
        if kind == "title":
            lines.append(f"<p class=MsoNormal align=center style='text-align:center'><b><span "
                         f"style='font-size:22.0pt;font-family:方正小标宋简体'>{esc(payload)}</span></b></p>")
        elif kind == "h":
            lines.append(h(payload))
        elif kind == "p":
            lines.append(p(payload))
        elif kind == "table":
            t = html_table(payload, st, record)
            # Word's trailing zero-height row that fixes the column grid
            ghost = "<![if !supportMisalignedColumns]>\n<tr height=0>" + "".join(
                "<td width=57 style='border:none'></td>" for _ in range(payload.ncols)) + "</tr>\n<![endif]>"
            record += [""] * payload.ncols
            t = t.replace("</table>", ghost + "\n</table>")
            lines.append(t)
            lines.append("<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>")
        elif kind == "sign":
            lines += [f"<p class=MsoNormal align=right style='text-align:right'><span style='font-size:16.0pt;"
                      f"font-family:仿宋_GB2312'>{esc(t)}</span></p>" for t in payload]
    lines += ["</div>", "</body>", "</html>", ""]
    text = "\n".join(lines)
    doc.notes.append("Word 'Save as Web Page' style markup: MsoNormalTable, <p class=MsoNormal><span lang=EN-US> "
                     "inside cells, conditional comments, a zero-height ghost row of empty cells at the end of each "
                     "table, some labels and numbers split over two <span> runs. "
                     f"Zero cells printed as an empty paragraph (&nbsp;), truth 0: {', '.join(sorted(special))}.")
    return [Output(f"html/{name}.html", text.encode("utf-8"), doc, "html", text, all_grids(blks), record)]


@case
def single_table_all():
    name = "single-table-all"
    rng = rng_for(name)
    f = gen_figures(rng, scale=1.0)
    doc = Doc(name, "云台区城东街道办事处", 2022, f, self_ref="本街道")
    doc.printer = pr = Printer()
    L = doc.L
    t2 = build_t2(f, L, pr, lspan=3, vspan=4)
    t3 = build_t3(f, L, pr, cspan=6)
    t4 = build_t4(f, L, pr, style="stacked")
    single = combine_tables("all", [t2, L["sec3"], t3, L["sec4"], t4], 15)
    blks = blocks(doc, rng, single=single)
    st = HtmlStyle(table_attrs='border="1" cellspacing="0" cellpadding="2" width="100%" class="report"')
    text, record = html_doc(blks, st, css=CSS_PRINT % NOTO + RULED)
    doc.notes.append("One single <table> of 15 columns holds 表二, 表三 and 表四 one after another; the headings "
                     "三、… and 四、… are full-width rows inside that table. 表二 cells use colspan 3/4, 表三's "
                     "third label column colspan 6; 表四 uses the stacked header (行政复议 rowspan 2, all 15 outcome "
                     "labels in one row).")
    return [Output(f"html/{name}.html", text.encode("utf-8"), doc, "html", text, all_grids(blks), record)]


@case
def nested_layout_th():
    name = "nested-layout-th"
    rng = rng_for(name)
    f = gen_figures(rng, scale=1.2)
    doc = Doc(name, "松岭县人力资源和社会保障局", 2024, f, self_ref="我局")
    doc.t4_style = "stacked"
    doc.printer = Printer()
    blks = blocks(doc, rng, split_t2_tables=True)
    st = HtmlStyle(head_tag="th", thead=True, indent="        ",
                   table_attrs='class="gk-table" border="1" cellspacing="0" cellpadding="3" width="100%"')
    sidebar = ("<td class=\"side\" width=\"200\" valign=\"top\">\n"
               "  <div class=\"nav\"><h3>信息公开目录</h3><ul><li><a href=\"#\">机构职能</a></li>"
               "<li><a href=\"#\">政策文件</a></li><li><a href=\"#\">年度报告</a></li></ul></div>\n"
               f"  <div class=\"stat\">本页访问量：{rng.randint(1000, 99999)}次</div>\n</td>")
    body_open = ("<body>\n<table class=\"layout\" width=\"100%\" border=\"0\" cellspacing=\"0\" cellpadding=\"0\">\n"
                 "<tr><td colspan=\"2\" class=\"banner\">松岭县人民政府 · 政府信息公开专栏</td></tr>\n<tr>\n"
                 + sidebar + "\n<td class=\"content\" valign=\"top\">\n"
                 f"<div class=\"meta\">发布日期：{doc.year + 1}-01-{rng.randint(10, 28)}　来源：{doc.agency}</div>")
    body_close = ("</td>\n</tr>\n<tr><td colspan=\"2\" class=\"footer\">主办：松岭县人民政府办公室　"
                  "网站标识码：0000000000</td></tr>\n</table>\n</body>")
    text, record = html_doc(blks, st, css="th { font-weight: normal; background: #eef; }\n" + RULED,
                            body_open=body_open, body_close=body_close,
                            h=lambda t: f"<h3>{esc(t)}</h3>")
    # the layout table's own non-nested cells come first/last in document order
    record = ["松岭县人民政府 · 政府信息公开专栏", None] + record + [None]
    doc.notes.append("The report sits inside a page-layout <table> (banner row, a sidebar cell with a visit counter, "
                     "a content cell, a footer row). Header cells are <th> inside <thead>; data in <tbody>. "
                     "表二 is printed as four separate tables. The sidebar/footer numbers are not report figures.")
    return [Output(f"html/{name}.html", text.encode("utf-8"), doc, "html", text, all_grids(blks), record)]


@case
def gb2312_encoded():
    name = "gb2312-encoded"
    rng = rng_for(name)
    f = gen_figures(rng, scale=0.8)
    doc = Doc(name, "石埭县昇平乡人民政府", 2023, f, self_ref="我乡")
    doc.printer = Printer()
    blks = blocks(doc, rng)
    st = HtmlStyle(table_attrs='border="1" cellspacing="0" cellpadding="3" width="100%"')
    text, record = html_doc(blks, st, charset_meta='<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
                            css=CSS_PRINT % '"宋体", SimSun, serif' + RULED)
    data = text.encode("gbk")
    assert data.decode("gbk") == text
    doc.notes.append("HTML page encoded in GBK bytes, declared <meta http-equiv=\"Content-Type\" content=\"text/html; "
                     "charset=gb2312\">. The agency name contains 昇, which is in GBK but not in GB2312: a strict "
                     "GB2312 decoder fails; decode as GBK/GB18030.")
    return [Output(f"html/{name}.html", data, doc, "html", text, all_grids(blks), record)]


@case
def blank_cells():
    name = "blank-cells"
    rng = rng_for(name)
    f = gen_figures(rng, scale=1.0, density=0.6, fees=0)
    zero_cells(f, rng, 0.25)
    f["active.regulations.issued"] = f["active.regulations.repealed"] = 0
    f["active.enforcement"] = 0
    f[rev("litigationAfterReview", "corrected")] = 0
    f[rev("litigationAfterReview", "total")] = sum(f[rev("litigationAfterReview", o)] for o in OUTCOMES[:4])
    doc = Doc(name, "白沙县河口镇人民政府", 2023, f, self_ref="我镇")
    tokens = ["", "\xa0", "/", "—", "无"]
    special = {}
    zeros = [p for p in FIELDS if f[p] == 0]
    for i, p in enumerate(zeros):
        if rng.random() < 0.8:
            special[p] = tokens[i % len(tokens)] if i < 10 else rng.choice(tokens)
    doc.printer = Printer(special)
    text, record, blks = standard_html(doc, rng, NOTO, landscape=True)
    by_token = {}
    for p, t in special.items():
        by_token.setdefault({"": "empty", "\xa0": "&nbsp;", "/": "/", "—": "—", "无": "无"}[t], []).append(p)
    doc.notes.append("Blank cells mean 0: zero figures printed as an empty <td>, &nbsp;, '/', '—' or '无' (truth 0); "
                     "other zeros printed as 0. @page A4 landscape in the CSS (used by the Chromium rendering). "
                     + "; ".join(f"{k}: {len(v)} cells" for k, v in sorted(by_token.items())) + ".")
    return [Output(f"html/{name}.html", text.encode("utf-8"), doc, "html", text, all_grids(blks), record)]


def variant_labels():
    L = labels()
    L["t2.g1"] = "第二十条 第（一）项"
    L["t2.g5"] = "第二十条 第（五）项"
    L["t2.g6"] = "第二十条 第（六）项"
    L["t2.g8"] = "第二十条 第（八）项"
    L["t2.normativeDocuments"] = "规范性文件"
    L["t3.commercial"] = "商业\n企业"
    L["t3.socialWelfare"] = "社会\n公益\n组织"
    L["t3.results"] = "三、本\n年度办\n理结果"
    for k in ("t3.denied", "t3.unable", "t3.notProcessed", "t3.otherHandling"):
        L[k] = halfwidth_brackets(L[k])
    for key in ("granted", "resultsTotal"):
        L["row." + key] = halfwidth_brackets(L["row." + key])
    L["row.partiallyGranted"] = "(二)部分公开（区分处理的，只计这一情况，不计其他情形）"
    L["row.deniedProhibitedByLaw"] = "2.其他法律行政止公开"
    L["row.deniedInternalAffairs"] = "5.属于三类内容事务信息"
    for key in OTHER_HANDLING_ROWS:
        L["row." + key] = L["row." + key].replace(".", "、", 1)
    L["sec5"] = "五、存在的主要问题和改进措施"
    L["sec3"] = "三、行政机关收到和处理政府信息公开申请情况"
    return L


@case
def label_variants():
    name = "label-variants"
    rng = rng_for(name)
    f = gen_figures(rng, scale=1.1)
    doc = Doc(name, "安平县桥西街道办事处", 2022, f, L=variant_labels(), self_ref="本街道")
    doc.citation = "国办公开办函〔2019〕60号"
    doc.t4_style = "stacked"
    doc.printer = Printer()
    text, record, blks = standard_html(doc, rng, UMING, ruled=False)
    doc.notes.append("Label variants seen in real reports: 第二十条 第（一）项 with a space; 规范性文件 for 行政规范性文件; "
                     "half-width brackets (二)/(三)…/(七); typos 只计这一情况, 其他法律行政止公开, 属于三类内容事务信息; "
                     "'1、' numbering in the （六） sub-rows; header cells split by <br> (商业/企业, 社会/公益/组织) and "
                     "the rowspan label 三、本/年度办/理结果; headings 三、行政机关收到和处理… and 五、…和改进措施; "
                     "cites 〔2019〕60号 although it uses the 2021 tables. Borderless tables (border=0, no CSS borders); "
                     "font AR PL UMing: source of the TrueType and CID TrueType PDFs.")
    return [Output(f"html/{name}.html", text.encode("utf-8"), doc, "html", text, all_grids(blks), record)]


@case
def collapsed_other_processing():
    name = "collapsed-other-processing"
    rng = rng_for(name)
    f = gen_figures(rng, scale=1.6)
    zero_rows(f, OTHER_HANDLING_ROWS)
    doc = Doc(name, "泽川区人民政府", 2024, f, self_ref="我区")
    doc.printer = pr = Printer()
    t3 = build_t3(f, doc.L, pr, collapsed_other=True)
    text, record, blks = standard_html(doc, rng, NOTO, t3=t3)
    doc.notes.append("（六）其他处理 is printed as ONE row (colspan 2, no sub-rows 1–3), as in the 2019 template; that "
                     "row is 0 in all seven columns, so the three sub-rows otherOverdueCorrection, otherOverdueFee and "
                     "otherOther are 0 in the truth. 表三 has 23 data rows instead of 25.")
    return [Output(f"html/{name}.html", text.encode("utf-8"), doc, "html", text, all_grids(blks), record)]


@case
def fullwidth_digits_thousands():
    name = "fullwidth-digits-thousands"
    rng = rng_for(name)
    while True:
        f = gen_figures(rng, scale=38.0, fees=1024.5, review_scale=4)
        if f[app("newReceived", "total")] >= 1000 and f[app("resultsTotal", "total")] >= 1000:
            break
    f["active.licensing"] = rng.randint(12000, 48000)
    doc = Doc(name, "江岚市人民政府", 2023, f, self_ref="市政府")
    doc.thousands_in_prose = True
    special = {}
    for p in FIELDS:
        v = f[p]
        if p == "active.feesWanYuan":
            special[p] = "1,024.50"
        elif v >= 1000:
            special[p] = f"{v:,}"
    fw = [p for p in FIELDS if 0 < f[p] < 1000 and p.startswith("applications.")]
    for p in rng.sample(fw, 12):
        special[p] = str(f[p]).translate(FULLWIDTH)
    special["active.regulations.inForce"] = str(f["active.regulations.inForce"]).translate(FULLWIDTH)
    doc.printer = Printer(special)
    text, record, blks = standard_html(doc, rng, NOTO)
    thousands = sorted(p for p, t in special.items() if "," in t)
    fullw = sorted(p for p, t in special.items() if re.search("[０-９]", t))
    doc.notes.append("Thousands separators in cells (e.g. '1,234') and in the prose count; fees printed '1,024.50' "
                     f"(truth 1024.5). Thousands separators in: {', '.join(thousands)}. "
                     f"Full-width digits (e.g. '１２') in: {', '.join(fullw)}.")
    return [Output(f"html/{name}.html", text.encode("utf-8"), doc, "html", text, all_grids(blks), record)]


@case
def table3_split():
    name = "table3-split"
    rng = rng_for(name)
    f = gen_figures(rng, scale=1.3)
    doc = Doc(name, "南屏县住房和城乡建设局", 2023, f, self_ref="我局")
    doc.printer = pr = Printer()
    parts = build_t3(f, doc.L, pr, split_before="deniedInternalAffairs")
    blks = blocks(doc, rng, t3=parts)
    st = HtmlStyle()
    text, record = html_doc(blks, st, css=CSS_PRINT % NOTO + RULED,
                            between_tables='<p style="page-break-before: always"></p>')
    doc.notes.append("表三 is split into two <table>s as if across a page break: the first ends after （三）4.保护第三方"
                     "合法权益, the second starts at 5.属于三类内部事务信息 with no header rows; its row-spanning "
                     "label cells (三、本年度办理结果 and （三）不予公开) are present but empty.")
    return [Output(f"html/{name}.html", text.encode("utf-8"), doc, "html", text, all_grids(blks), record)]


@case
def broken_row_total():
    name = "broken-row-total"
    rng = rng_for(name)
    f = gen_figures(rng, scale=1.2)
    true_total = f[app("granted", "total")]
    f[app("granted", "total")] = true_total + 10
    doc = Doc(name, "枫林县枫林镇人民政府", 2023, f, self_ref="我镇")
    doc.intended = {"row:granted", "results:total"}
    doc.printer = Printer()
    text, record, blks = standard_html(doc, rng, NOTO)
    doc.notes.append(f"BROKEN on purpose: 表三 row （一）予以公开 prints 总计 {true_total + 10} although its six applicant "
                     f"cells sum to {true_total}. Truth keeps the printed {true_total + 10}. Failing checks: the row "
                     "total of granted, and the 总计 column's （七）总计 = sum of the 21 outcome rows.")
    return [Output(f"html/{name}.html", text.encode("utf-8"), doc, "html", text, all_grids(blks), record)]


@case
def broken_column_balance():
    name = "broken-column-balance"
    rng = rng_for(name)
    f = gen_figures(rng, scale=1.0)
    d = 3
    f[app("newReceived", "natural")] += d
    f[app("newReceived", "total")] += d
    doc = Doc(name, "北辰县市场监督管理局", 2024, f, self_ref="我局")
    doc.intended = {"balance:natural", "balance:total"}
    doc.printer = Printer()
    text, record, blks = standard_html(doc, rng, NOTO)
    doc.notes.append(f"BROKEN on purpose: in the 自然人 column (and so in 总计) 一、本年新收 + 二、上年结转 exceeds "
                     f"（七）总计 + 四、结转下年度 by {d}: newReceived.natural and newReceived.total are printed {d} too "
                     "high (rows still add up). Truth keeps the printed figures. Failing checks: balance of natural and "
                     "of total. The prose count agrees with the printed newReceived.total.")
    return [Output(f"html/{name}.html", text.encode("utf-8"), doc, "html", text, all_grids(blks), record)]


# ----- text cases -----------------------------------------------------------------------------

def tab_table(tbl, quirks=None):
    quirks = quirks or {}
    lines = []
    rows = text_grid_rows(tbl)
    for ri, row in enumerate(rows):
        cells = [t for t, _ in row]
        first_value = next((c for _, c in row if c is not None and c.kind == "value"), None)
        key = first_value.paths[0].split(".")[1] if first_value and first_value.paths[0].startswith("applications.") else None
        if key and key in quirks.get("split_group_label", {}):
            # the group label of this row's B column is split: '（四）' joined to the row label, '无法提供'
            # moved to the next row, and a blank line between (as copied out of the seed report)
            head, tail = quirks["split_group_label"][key]
            label_i = next(i for i, (t, c) in enumerate(row) if c is not None and c.kind == "label")
            cells = [head + " " + row[label_i][0]] + cells[label_i + 1:]
            lines.append("\t".join(cells))
            lines.append("")
            quirks["_carry"] = tail
            continue
        if quirks.get("_carry"):
            # replace the empty rowspan placeholders before the label with the carried text
            label_i = next(i for i, (t, c) in enumerate(row) if c is not None and c.kind == "label")
            cells = [quirks.pop("_carry")] + cells[label_i:]
        if key and key in quirks.get("stray_cell", ()):
            cells.append(quirks["stray_cell"][key])
        if key and key in quirks.get("trailing_tab", ()):
            cells.append("")
        lines.append("\t".join(cells))
    return "\n".join(lines)


def stray_is_provable(values, stray):
    """Appending `stray` to the 7 printed numbers: only one 7-vector with total = sum(6) remains."""
    nums = values + [stray]
    ok = set()
    for i in range(len(nums)):
        v = nums[:i] + nums[i + 1:]
        if v[6] == sum(v[:6]):
            ok.add(tuple(v))
    return ok == {tuple(values)}


def tab_case(name, agency, year, self_ref, encoding, bom, scale, note, quirks=False, title=None):
    rng = rng_for(name)
    f = gen_figures(rng, scale=scale)
    doc = Doc(name, agency, year, f, self_ref=self_ref, title=title)
    doc.t4_style = "stacked" if encoding == "gb18030" else "template"
    doc.printer = Printer()
    blks = blocks(doc, rng, split_t2_tables=True)
    q = None
    if quirks:
        stray_row = next(r for r in ("unableNeedsCreation", "unableNotHeld", "granted")
                         if f[app(r, "total")] > 0 and f[app(r, "other")] == 0)
        vals = [f[app(stray_row, c)] for c in COLS]
        assert stray_is_provable(vals, 0)
        q = {"split_group_label": {"unableNotHeld": ("（四）", "无法提供")},
             "stray_cell": {stray_row: "0"}, "trailing_tab": {"granted", "partiallyGranted", "resultsTotal"}}
        note += (" Layout quirks copied from the seed: the （四）无法提供 label is split — '（四）' is joined to the "
                 "row label '1.本机关不掌握相关政府信息' (the empty rowspan cell is lost) and '无法提供' starts the next "
                 f"row after a blank line; row {stray_row} has a stray ninth cell '0' after its 总计 (only dropping "
                 "that cell keeps total = sum of the six); rows granted, partiallyGranted and resultsTotal end "
                 "with an extra empty cell.")
    text = assemble_text(blks, lambda t: tab_table(t, q))
    data = (b"\xef\xbb\xbf" if bom and encoding == "utf-8" else b"") + \
        (("\ufeff" + text).encode("utf-16-le") if encoding == "utf-16-le" else text.encode(encoding))
    doc.notes.append(note)
    extra = {app(k, "total"): 0 for k in q["stray_cell"]} if q else None
    return [Output(f"text/{name}.txt", data, doc, "text", text, all_grids(blks), extra_after=extra)]


@case
def tab_utf8_bom():
    return tab_case("tab-utf8-bom", "金川县龙泉镇人民政府", 2023, "我镇", "utf-8", True, 1.0,
                    "Tab-separated plain text like the seed (cells copied out of Word tables; a rowspan "
                    "continuation is an empty cell), UTF-8 with BOM; 表二 as four sub-tables.", quirks=True,
                    title="金川县龙泉镇人民政府 2023 年政府信息公开工作年度报告")


@case
def tab_gb18030():
    return tab_case("tab-gb18030", "㮾溪镇人民政府", 2022, "我镇", "gb18030", False, 0.9,
                    "Tab-separated plain text in GB18030 bytes, no BOM. The agency name starts with 㮾 (U+3BBE, "
                    "CJK Extension A), a four-byte GB18030 sequence absent from GBK: decode as GB18030.")


@case
def tab_utf16le():
    return tab_case("tab-utf16le", "清江县教育局", 2023, "我局", "utf-16-le", True, 1.5,
                    "Tab-separated plain text in UTF-16LE with BOM (FF FE).")


LAYOUT_WIDTHS = {
    "t2": [16, 14, 14, 14],
    "t3": [8, 10, 26, 8, 8, 8, 8, 8, 8, 8],
    "t4": [8] * 15,
}


@case
def layout_spaces():
    name = "layout-spaces"
    rng = rng_for(name)
    f = gen_figures(rng, scale=1.3)
    doc = Doc(name, "梅山县交通运输局", 2024, f, self_ref="我局")
    doc.printer = Printer()
    blks = blocks(doc, rng)
    page_len = 58
    lines = []
    page = 1
    count = 0

    def emit(line, breakable=True):
        nonlocal page, count
        if count >= page_len and breakable:
            lines.append("")
            lines.append(" " * 56 + f"— {page} —")
            lines.append("\f")
            page += 1
            count = 0
        lines.append(line)
        count += 1

    for kind, payload in blks:
        if kind in ("title", "h"):
            emit(("" if kind == "h" else " " * 20) + payload)
            emit("")
        elif kind == "p":
            for k, part in enumerate(wrap(payload, 96)):
                emit(("    " if k == 0 else "") + part)
            emit("")
        elif kind == "table":
            for line, breakable in layout_table(payload, LAYOUT_WIDTHS[payload.name]):
                emit(line, breakable)
            emit("")
        elif kind == "sign":
            for t in payload:
                emit(" " * (100 - dwidth(t)) + t)
    emit("")
    lines.append(" " * 56 + f"— {page} —")
    lines.append("\f")
    # pdftotext puts the form feed at the start of the next page's first line
    text = "\n".join(lines).replace("\n\f\n", "\n\f") + "\n"
    assert text.count("\f") == page
    doc.notes.append("Space-aligned text like `pdftotext -layout` of a ruled PDF: cells placed by column, long "
                     "labels wrapped inside their cell and numbers vertically centred on the middle line of a "
                     "wrapped row, spanning group labels (三、本年度办理结果, （三）不予公开 …) centred over their rows; "
                     f"{page} pages separated by form feeds with page footers '— n —' (not figures). UTF-8, no BOM.")
    return [Output(f"text/{name}.txt", text.encode("utf-8"), doc, "text", text, all_grids(blks))]


def pipe_per_line_table(tbl):
    out = []
    for ri, ci, cell in tbl.placed():
        out.append(cell.text)
        out.append("|")
    return "\n".join(out)


@case
def pipe_cell_per_line():
    name = "pipe-cell-per-line"
    rng = rng_for(name)
    f = gen_figures(rng, scale=0.9)
    doc = Doc(name, "西坪镇人民政府", 2023, f, self_ref="我镇",
              title="西坪镇人民政府2023年政府信息公开工作年报")
    L = doc.L
    L["t3.commercial"] = "商业\n企业"
    L["t3.research"] = "科研\n机构"
    doc.printer = Printer()
    blks = blocks(doc, rng, split_t2_tables=True, sec_intro="该部分以表格形式报告。表格如下：")
    text = assemble_text(blks, pipe_per_line_table, para_sep="\n")
    doc.notes.append("Web-page text with one table cell per line, each cell followed by a line holding only '|' "
                     "(as in scraped portal pages); header cells split over two lines (商业/企业, 科研/机构); "
                     "paragraphs one per line, no blank lines. Title ends in 年报.")
    return [Output(f"text/{name}.txt", text.encode("utf-8"), doc, "text", text, all_grids(blks))]


def split_count(digits, parts=7):
    """How many ways `digits` splits into `parts` numbers (no leading zeros) with last = sum of the rest."""
    n = len(digits)
    found = []
    for cuts in combinations(range(1, n), parts - 1):
        bounds = (0,) + cuts + (n,)
        nums = [digits[a:b] for a, b in zip(bounds, bounds[1:])]
        if any(len(x) > 1 and x[0] == "0" for x in nums):
            continue
        v = [int(x) for x in nums]
        if v[-1] == sum(v[:-1]):
            found.append(v)
    return found


@case
def run_together_rows():
    name = "run-together-rows"
    rng = rng_for(name)
    f = gen_figures(rng, scale=2.2, density=0.8)
    doc = Doc(name, "潭屿县城关镇人民政府", 2022, f, self_ref="我镇")
    doc.printer = Printer()
    blks = blocks(doc, rng)
    # choose 表三 rows whose digit run splits uniquely, preferring ones with multi-digit numbers
    candidates = []
    for key in ROW_KEYS:
        vals = [f[app(key, c)] for c in COLS]
        digits = "".join(str(v) for v in vals)
        sols = split_count(digits)
        if len(sols) == 1 and sols[0] == vals and len(digits) > 7:
            candidates.append(key)
    assert len(candidates) >= 5, candidates
    run = sorted(rng.sample(candidates, 5), key=ROW_KEYS.index)
    run_lines = {}

    def table_text(tbl):
        lines = []
        for row in text_grid_rows(tbl):
            cells = [t for t, c in row if c is not None]
            vcell = next((c for _, c in row if c is not None and c.kind == "value"), None)
            key = vcell.paths[0].split(".")[1] if vcell and vcell.paths[0].startswith("applications.") else None
            if key in run:
                line = "".join(cells)
                run_lines[key] = line
            else:
                line = " ".join(cells)
            lines.append(line)
        return "\n".join(lines)

    text = assemble_text(blks, table_text, para_sep="\n")
    doc.notes.append("Plain text where cells are separated by single spaces, except in these 表三 rows whose cells "
                     f"are run together with no separator (label and seven numbers): {', '.join(run)}. "
                     "For each of them the digit run splits into seven numbers with total = sum of the six "
                     "applicant columns in exactly one way (checked by the generator).")
    return [Output(f"text/{name}.txt", text.encode("utf-8"), doc, "text", text, all_grids(blks),
                   run_rows=run_lines)]


def pipe_rows_table(tbl):
    lines = []
    for row in text_grid_rows(tbl):
        parts = []
        for t, c in row:
            if c is None:
                continue
            parts.append(t + " |" + "|" * (c.cs - 1))
        lines.append(" ".join(parts))
    return "\n".join(lines)


@case
def broken_review_total():
    name = "broken-review-total"
    rng = rng_for(name)
    f = gen_figures(rng, scale=1.1)
    parts = [2, 1, 0, 1]
    for o, v in zip(OUTCOMES[:4], parts):
        f[rev("review", o)] = v
    f[rev("review", "total")] = 0  # printed 0 although the parts add up to 4
    doc = Doc(name, "宁远区司法局", 2023, f, self_ref="我局")
    doc.intended = {"review:review"}
    doc.t4_style = "stacked"
    doc.printer = Printer()
    blks = blocks(doc, rng)
    text = assemble_text(blks, pipe_rows_table, para_sep="\n")
    doc.notes.append("Text with table rows as 'cell | cell | … |' lines (a colspan adds extra '|'). BROKEN on "
                     "purpose: 表四 行政复议 prints 总计 0 while 结果维持 2, 结果纠正 1, 其他结果 0, 尚未审结 1 add up to "
                     "4. Truth keeps the printed 0; failing check: the 行政复议 total.")
    return [Output(f"text/{name}.txt", text.encode("utf-8"), doc, "text", text, all_grids(blks))]


def paragraph_table(tbl):
    out = []
    for ri, ci, cell in tbl.placed():
        t = cell.text
        m = re.fullmatch(r"(\([一二三四五六七]\))(不予公开|无法提供|不予处理|其他处理)", t)
        if cell.kind == "group" and m:
            out += [m.group(1), m.group(2)]
        else:
            out.append(t.replace("\n", ""))
    return "\n\n".join(out)


@case
def broken_prose_count():
    name = "broken-prose-count"
    rng = rng_for(name)
    f = gen_figures(rng, scale=1.2)
    doc = Doc(name, "太和镇人民政府", 2022, f, self_ref="我镇", title="关于2022年度政府信息公开工作情况的报告")
    real = f[app("newReceived", "total")]
    doc.prose_count = real - 7 if real > 10 else real + 7
    doc.intended = {"prose:newReceived"}
    L = doc.L
    for k in ("t3.denied", "t3.unable", "t3.notProcessed", "t3.otherHandling"):
        L[k] = halfwidth_brackets(L[k])
    doc.printer = Printer()
    blks = blocks(doc, rng, split_t2_tables=False)
    text = assemble_text(blks, paragraph_table)
    doc.notes.append("One table cell per paragraph (cells separated by blank lines), group labels split in two "
                     "paragraphs ('(三)' then '不予公开'). The title carries no agency name (关于2022年度…的报告); the "
                     "agency appears in the intro and the signature. BROKEN on purpose: 一、总体情况 says "
                     f"'全年共收到政府信息公开申请{doc.prose_count}件' but 表三 prints newReceived.total = {real}. "
                     "Truth keeps the table's figure; failing check: prose vs newReceived.total.")
    return [Output(f"text/{name}.txt", text.encode("utf-8"), doc, "text", text, all_grids(blks))]


# ---------------------------------------------------------------------------------------------
# Writing and self-checking
# ---------------------------------------------------------------------------------------------

def truth_json(doc):
    fields = {p: doc.f[p] for p in FIELDS}
    obj = {"agency": doc.agency, "year": doc.year, "fields": fields, "notes": " ".join(doc.notes)}
    return json.dumps(obj, ensure_ascii=False, indent=1) + "\n"


def self_check(o):
    doc, f = o.doc, o.doc.f
    # 1. every value cell prints the truth; every field is printed somewhere
    seen = set()
    for tbl in o.grids:
        tbl.placed()
        for c in tbl.value_cells():
            v = parse_printed(c.text)
            assert v is not None, (o.rel, c)
            for p in c.paths:
                assert f[p] == v, (o.rel, p, f[p], c.text)
                seen.add(p)
    missing = [p for p in FIELDS if p not in seen and f[p] is not None]
    assert not missing, (o.rel, missing[:5])
    # 2. the document really holds those cells
    if o.fmt == "html":
        cc = CellCollector()
        cc.feed(o.data.decode("gbk") if "gb2312" in o.rel else o.data.decode("utf-8"))
        got = [squash(t) for t in cc.cells]
        want = [None if t is None else squash(t) for t in o.record]
        assert len(got) == len(want), (o.rel, len(got), len(want))
        for g, w in zip(got, want):
            assert w is None or g == w, (o.rel, g, w)
        tc = TextCollector()
        tc.feed(o.text)
        plain = "".join(tc.parts)
    else:
        plain = o.text
        region = table_region(plain, doc)
        want = []
        for tbl in o.grids:
            for c in tbl.value_cells():
                key = c.paths[0].split(".")[1] if c.paths[0].startswith("applications.") else None
                if key in o.run_rows:
                    continue  # run-together rows hold no standalone numbers
                if c.text.strip() not in BLANK_TOKENS:
                    want.append(parse_printed(c.text))
                if c.paths[0] in o.extra_after:
                    want.append(o.extra_after[c.paths[0]])
        for key, line in o.run_rows.items():
            # the line is in the text, and its digit run splits back into the truth, uniquely
            assert line in o.text.split("\n"), (o.rel, line)
            digits = re.search(r"\d+$", line).group(0)
            assert split_count(digits) == [[f[app(key, c)] for c in COLS]], (o.rel, key, line)
        got = number_tokens(region)
        assert got == want, (o.rel, len(got), len(want),
                             next(((i, a, b) for i, (a, b) in enumerate(zip(got, want)) if a != b), None))
    # 3. title, agency, year and the prose count are in the text
    assert doc.agency in plain, o.rel
    assert str(doc.year) in plain, o.rel
    m = re.search(r"全年共收到政府信息公开申请([0-9０-９,]+)件", plain)
    assert m, o.rel
    prose = parse_printed(m.group(1))
    assert prose == doc.prose_count, (o.rel, prose, doc.prose_count)
    # 4. arithmetic: consistent cases pass, broken ones fail exactly where intended
    bad = failed_checks(f, prose)
    assert bad == doc.intended, (o.rel, sorted(bad), sorted(doc.intended))
    # 5. figures are varied and mostly non-zero
    nonzero = sum(1 for p in FIELDS if f[p])
    if o.rel.startswith(("html/", "text/")) and "blank" not in o.rel and "collapsed" not in o.rel:
        assert nonzero > 100, (o.rel, nonzero)


def write(outputs):
    for o in outputs:
        path = OUT / o.rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(o.data)
        truth = path.with_name(path.name.rsplit(".", 1)[0] + ".truth.json")
        truth.write_text(truth_json(o.doc), encoding="utf-8")


def copy_seed():
    src = SEED_SOURCE / "juandong-town-2023.txt"
    dst = OUT / "text" / "seed-juandong-town-2023.txt"
    if src.exists():
        shutil.copyfile(src, dst)
        shutil.copyfile(SEED_SOURCE / "juandong-town-2023.truth.json",
                        OUT / "text" / "seed-juandong-town-2023.truth.json")
    if dst.exists():
        truth = json.loads((OUT / "text" / "seed-juandong-town-2023.truth.json").read_text(encoding="utf-8"))
        assert list(truth["fields"]) == FIELDS
        assert not failed_checks(truth["fields"])


def check_truth_files():
    """Every fixture has a well-formed truth file beside it (unit inputs, with no report to score, excepted)."""
    for path in sorted(OUT.rglob("*")):
        if path.suffix in (".html", ".txt", ".pdf", ".docx") and not path.relative_to(OUT).parts[0].endswith("-unit"):
            truth = path.with_name(path.name.rsplit(".", 1)[0] + ".truth.json")
            assert truth.exists(), f"no truth file for {path.relative_to(OUT)}"
            obj = json.loads(truth.read_text(encoding="utf-8"))
            assert list(obj) == ["agency", "year", "fields", "notes"], truth
            assert list(obj["fields"]) == FIELDS, truth
            assert all(v is None or isinstance(v, (int, float)) for v in obj["fields"].values()), truth


def source_numbers(source):
    """Numbers printed in the table cells of an HTML fixture, in document order."""
    raw = Path(source).read_bytes()
    text = raw.decode("gbk") if b"charset=gb2312" in raw[:2000] else raw.decode("utf-8")
    cc = CellCollector()
    cc.feed(text)
    want = []
    for t in cc.cells:
        t2 = t.replace("\xa0", " ").strip().translate(HALFWIDTH)
        if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d+)?", t2):
            want.append(parse_printed(t2))
    tc = TextCollector()
    tc.feed(text)
    return want, "".join(tc.parts)


def compare(what, got, want):
    if got != want:
        i = next((i for i, (x, y) in enumerate(zip(got, want)) if x != y), min(len(got), len(want)))
        sys.exit(f"FAIL {what}: numbers differ at #{i}: got {got[i:i + 8]} want {want[i:i + 8]} "
                 f"({len(got)} vs {len(want)})")


def pdf_text(pdf, page=None):
    args = ["pdftotext", "-layout"] + (["-f", str(page), "-l", str(page)] if page else []) + [str(pdf), "-"]
    return subprocess.run(args, capture_output=True, check=True).stdout.decode("utf-8")


def check_pdf(pdf, source, *expect):
    """pdftotext -layout of a rendered PDF holds every number of the source's tables, in order.
    Optional expectations: 'split' (表三 starts and ends on different pages), 'landscape'."""
    want, plain = source_numbers(source)
    text = pdf_text(pdf)
    a = text.index("二、主动公开政府信息情况")
    b = text.index("五、", a)
    compare(str(pdf), number_tokens(text[a:b]), want)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True).stdout.decode()
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    w, h = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    notes = [f"{pages} pages", "landscape" if w > h else "portrait"]
    if "landscape" in expect:
        assert w > h, f"{pdf}: expected landscape pages, got {w} x {h}"
    if "split" in expect:
        where = {}
        for p in range(1, pages + 1):
            t = pdf_text(pdf, p)
            for key in ("一、本年新收", "四、结转下年度"):
                if key in t and key not in where:
                    where[key] = p
        assert where["一、本年新收"] < where["四、结转下年度"], f"{pdf}: 表三 does not cross a page break"
        notes.append(f"表三 on pages {where['一、本年新收']}–{where['四、结转下年度']}")
    print(f"ok  {pdf}: {len(want)} table numbers present in order; {', '.join(notes)}")


def check_docx(docx, source):
    """The DOCX's table cells hold every number of the source's tables, in order; merged cells kept."""
    import zipfile
    want, _ = source_numbers(source)
    xml = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
    got = []
    for cell in re.findall(r"<w:tc>.*?</w:tc>", xml, flags=re.S):
        t = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", cell)).strip().translate(HALFWIDTH)
        if re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d+)?", t):
            got.append(parse_printed(t))
    compare(str(docx), got, want)
    spans, merges = xml.count("<w:gridSpan"), xml.count("<w:vMerge")
    assert spans and merges, f"{docx}: merged cells lost"
    print(f"ok  {docx}: {len(want)} table numbers present in order; {spans} gridSpan, {merges} vMerge")


def copy_truth(src, dst, note):
    obj = json.loads(Path(src).read_text(encoding="utf-8"))
    obj["notes"] = (note + " " + obj["notes"]).strip()
    Path(dst).write_text(json.dumps(obj, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main(argv):
    if argv[:1] == ["--check-pdf"]:
        check_pdf(*argv[1:])
        return
    if argv[:1] == ["--check-docx"]:
        check_docx(argv[1], argv[2])
        return
    if argv[:1] == ["--copy-truth"]:
        copy_truth(argv[1], argv[2], argv[3])
        return
    check_schema()
    outputs = []
    for fn in CASES:
        outputs += fn()
    names = [o.rel for o in outputs]
    assert len(names) == len(set(names))
    for o in outputs:
        self_check(o)
    if argv[:1] != ["--check"]:
        write(outputs)
    else:
        for o in outputs:
            assert (OUT / o.rel).read_bytes() == o.data, f"{o.rel} differs from the generator's output"
    copy_seed()
    check_truth_files()
    for o in outputs:
        bad = sorted(o.doc.intended)
        print(f"ok  {o.rel:45s} {'BROKEN: ' + ', '.join(bad) if bad else 'consistent'}")


if __name__ == "__main__":
    main(sys.argv[1:])
