#!/usr/bin/env python3
"""Fixtures of the rule pack (src/Extractor/Validation/RulePack/rules.json), derived from text/tab-utf8-bom.txt.

    python3 scripts/testdata/make_rules.py            # writes testdata/rules/ (+ truth)
    python3 scripts/testdata/make_rules.py --check    # fails when a committed file differs

For each document-scope rule R: rules/R.fail.txt breaks only that rule, rules/R.pass.txt comes close to it
and keeps it (a comparison with last year, a figure stated as the table prints it, ...). The truth keeps
what each document prints (a broken sum stays broken). Plus the five-fault pair of one agency:
rules/five-faults-2022.txt (clean) and rules/five-faults-2023.txt with a year of another year's work in the
body, chapter 四's heading missing, 五 reading only 「无」, the prose's 新收 count unlike 表三's, and 表二's
行政规范性文件 现行有效 unlike 2022's 现行有效 + 本年制发 − 本年废止.
"""
import copy
import json
import pathlib
import sys

TESTDATA = pathlib.Path(__file__).resolve().parents[2] / "testdata"
OUT = TESTDATA / "rules"
BASE = (TESTDATA / "text" / "tab-utf8-bom.txt").read_text(encoding="utf-8-sig")
TRUTH = json.loads((TESTDATA / "text" / "tab-utf8-bom.truth.json").read_text(encoding="utf-8"))
COLS = ["natural", "commercial", "research", "socialWelfare", "legalService", "other", "total"]


def replace(text, old, new):
    assert text.count(old) == 1, old
    return text.replace(old, new)


class Doc:
    def __init__(self):
        self.text = BASE
        self.truth = copy.deepcopy(TRUTH)

    def cell(self, label, index, path, value):
        """Sets the index-th figure of the line starting with label (表二/表三) and the truth of path."""
        lines = self.text.split("\n")
        hits = [i for i, l in enumerate(lines) if label in l.split("\t")[0] + "\t" + "\t".join(l.split("\t")[1:2])]
        assert len(hits) == 1, (label, hits)
        parts = lines[hits[0]].split("\t")
        numeric = [k for k, p in enumerate(parts) if p.strip() and (p.strip().lstrip("-").replace(".", "", 1).isdigit())]
        parts[numeric[index]] = fmt(value)
        lines[hits[0]] = "\t".join(parts)
        self.text = "\n".join(lines)
        self.truth["fields"][path] = value

    def apps(self, row, label, col, delta):
        path = f"applications.{row}.{col}"
        self.cell(label, COLS.index(col), path, self.truth["fields"][path] + delta)

    def review(self, index, path, value):
        lines = self.text.split("\n")
        header = [i for i, l in enumerate(lines) if l.startswith("\t\t\t\t\t结果维持")]
        assert len(header) == 1
        parts = lines[header[0] + 1].split("\t")
        parts[index] = fmt(value)
        lines[header[0] + 1] = "\t".join(parts)
        self.text = "\n".join(lines)
        self.truth["fields"][path] = value

    def edit(self, old, new):
        self.text = replace(self.text, old, new)

    def write(self, name, note):
        self.truth["notes"] = f"Derived from text/tab-utf8-bom.txt by scripts/testdata/make_rules.py: {note}"
        return {OUT / f"{name}.txt": "\ufeff" + self.text,
                OUT / f"{name}.truth.json": json.dumps(self.truth, ensure_ascii=False, indent=2) + "\n"}


def fmt(v):
    return str(int(v)) if float(v) == int(v) else str(v)


def fixtures():
    files = {}
    F = TRUTH["fields"]

    def make(name, note, *steps):
        d = Doc()
        for step in steps:
            step(d)
        files.update(d.write(name, note))

    # 表三 勾稽关系: 本年新收 moved between two columns (总计 and the row total unchanged).
    make("applications.balance.fail", "one 本年新收 moved from 商业企业 to 自然人: 勾稽关系 fails in both columns",
         lambda d: d.apps("newReceived", "一、本年新收", "natural", +1), lambda d: d.apps("newReceived", "一、本年新收", "commercial", -1))
    make("applications.balance.pass", "unchanged: 表三 balances in every column")
    make("applications.resultsTotal.fail", "one 予以公开 moved from 商业企业 to 自然人: （七）总计 no longer the sum in both columns",
         lambda d: d.apps("granted", "（一）予以公开", "natural", +1), lambda d: d.apps("granted", "（一）予以公开", "commercial", -1))
    make("applications.resultsTotal.pass", "unchanged")
    make("applications.rowTotal.fail", "自然人 of 予以公开 +1 and of 本机关不掌握 −1: two rows' 总计 no longer their sum",
         lambda d: d.apps("granted", "（一）予以公开", "natural", +1), lambda d: d.apps("unableNotHeld", "1.本机关不掌握", "natural", -1))
    make("applications.rowTotal.pass", "unchanged")
    make("reviewLitigation.total.fail", "行政复议 结果纠正 +1, its 总计 unchanged",
         lambda d: d.review(1, "reviewLitigation.review.corrected", F["reviewLitigation.review.corrected"] + 1))
    make("reviewLitigation.total.pass", "unchanged")
    up, oth = F["reviewLitigation.review.upheld"], F["reviewLitigation.review.other"]
    make("values.nonNegativeIntegers.fail", "行政复议 结果维持 printed −1 (其他结果 raised so that the 总计 still adds up)",
         lambda d: d.review(0, "reviewLitigation.review.upheld", -1), lambda d: d.review(2, "reviewLitigation.review.other", oth + up + 1))
    make("values.nonNegativeIntegers.pass", "unchanged")
    make("table2.counts.fail", "行政许可 printed as 2626.5", lambda d: d.cell("行政许可", 0, "active.licensing", 2626.5))
    make("table2.counts.pass", "unchanged")
    make("table2.fee.fail", "行政事业性收费 printed as −246.23", lambda d: d.cell("行政事业性收费", 0, "active.feesWanYuan", -246.23))
    make("table2.fee.pass", "行政事业性收费 printed as 0", lambda d: d.cell("行政事业性收费", 0, "active.feesWanYuan", 0))
    make("prose.newReceived.fail", "一、总体情况 states 176 applications, 表三 prints 177",
         lambda d: d.edit("收到政府信息公开申请177件", "收到政府信息公开申请176件"))
    make("prose.newReceived.pass", "unchanged: the prose states 177, as 表三")
    make("prose.tableCount.fail", "一、总体情况 states 上年结转6件, 表三 prints 5", lambda d: d.edit("上年结转5件", "上年结转6件"))
    make("prose.tableCount.pass", "the prose also states 予以公开35件 and 行政复议13件, as the tables print",
         lambda d: d.edit("所有申请均在法定期限内答复。", "其中予以公开35件。全年发生政府信息公开行政复议13件。所有申请均在法定期限内答复。"))
    make("year.period.fail", "统计期限 stated as 2022年1月1日至2022年12月31日 in the 2023 report",
         lambda d: d.edit("自2023年1月1日起至2023年12月31日止", "自2022年1月1日起至2022年12月31日止"))
    make("year.period.pass", "unchanged: 统计期限 2023年1月1日至2023年12月31日")
    make("year.thisYear.fail", "一、总体情况 says 本年（2022年）", lambda d: d.edit("全年共收到", "本年（2022年）共收到"))
    make("year.thisYear.pass", "一、总体情况 says 本年（2023年）", lambda d: d.edit("全年共收到", "本年（2023年）共收到"))
    make("year.body.fail", "一、总体情况 opens with 2022年，我镇… in the 2023 report", lambda d: d.edit("2023年，我镇坚持", "2022年，我镇坚持"))
    make("year.body.pass", "a comparison with 2022 and next year's plan (2024年，…) added",
         lambda d: d.edit("发布政策解读23篇。", "发布政策解读23篇，与2022年相比有所增加。2024年，我镇将继续深化公开。"))
    make("structure.chapters.fail", "the heading 六、其他需要报告的事项 removed", lambda d: d.edit("六、其他需要报告的事项\n", ""))
    make("structure.chapters.pass", "headings written as known variants (三、行政机关收到和处理政府信息公开申请情况, 五、存在的问题和改进措施)",
         lambda d: d.edit("三、收到和处理政府信息公开申请情况", "三、行政机关收到和处理政府信息公开申请情况"),
         lambda d: d.edit("五、存在的主要问题及改进情况", "五、存在的问题和改进措施"))
    i5, i6 = BASE.index("五、存在的主要问题及改进情况"), BASE.index("六、其他需要报告的事项")
    end6 = BASE.index("金川县龙泉镇人民政府\n2024")
    swapped = BASE[:i5] + BASE[i6:end6].rstrip("\n") + "\n\n" + BASE[i5:i6] + BASE[end6:]

    def swap(d):
        d.text = swapped
    make("structure.order.fail", "chapters 五 and 六 swapped", swap)
    make("structure.order.pass", "unchanged: 一 to 六 in order")
    body5 = BASE[BASE.index("\n", i5) + 1:i6]
    make("problems.empty.fail", "五、存在的主要问题及改进情况 reads only 「无」", lambda d: d.edit(body5, "\n无\n\n"))
    make("problems.empty.pass", "五 states one problem and its improvement in two short lines",
         lambda d: d.edit(body5, "\n政策解读形式较为单一。下一步将丰富解读形式。\n\n"))
    make("other.fee.fail", "六、其他需要报告的事项 reads only 「无。」",
         lambda d: d.edit("我镇2023年度未发出政府信息公开信息处理费收费通知，未收取信息处理费。", "无。"))
    make("other.fee.pass", "六 states that no 信息处理费 was collected, in other words",
         lambda d: d.edit("我镇2023年度未发出政府信息公开信息处理费收费通知，未收取信息处理费。", "本年度未收取政府信息公开信息处理费。"))

    # The five-fault pair of one agency.
    y22 = Doc()
    for old, new in [("2023 年政府信息公开", "2022 年政府信息公开"), ("自2023年1月1日起至2023年12月31日止", "自2022年1月1日起至2022年12月31日止"),
                     ("2023年，我镇坚持", "2022年，我镇坚持"), ("我镇2023年度未发出", "我镇2022年度未发出"), ("2024年1月20日", "2023年1月18日")]:
        y22.edit(old, new)
    y22.truth["year"] = 2022
    # 2022's 结转下年度 is 2023's 上年结转 (the carry-over holds); 本年新收 absorbs the difference (勾稽关系 holds).
    for col in COLS:
        forward = F[f"applications.carriedOver.{col}"]
        delta = forward - F[f"applications.carriedForward.{col}"]
        y22.apps("carriedForward", "四、结转下年度", col, delta)
        y22.apps("newReceived", "一、本年新收", col, delta)
    received, forward = y22.truth["fields"]["applications.newReceived.total"], y22.truth["fields"]["applications.carriedForward.total"]
    y22.edit("收到政府信息公开申请177件", f"收到政府信息公开申请{fmt(received)}件")
    y22.edit("结转下年度继续办理2件", f"结转下年度继续办理{fmt(forward)}件")
    # 2022 现行有效 such that 2023's 现行有效 is 7 more than 2022's + 本年制发 − 本年废止.
    in_force = F["active.normativeDocuments.inForce"] - F["active.normativeDocuments.issued"] + F["active.normativeDocuments.repealed"] - 7
    y22.cell("行政规范性文件", 2, "active.normativeDocuments.inForce", in_force)
    files.update(y22.write("five-faults-2022", "the 2022 report of the same agency, without faults; its 结转下年度 is the 2023 report's 上年结转, "
                           f"its 行政规范性文件 现行有效 {fmt(in_force)}"))
    y23 = Doc()
    y23.edit("2023年，我镇坚持", "2022年，我镇坚持")
    y23.edit("四、政府信息公开行政复议、行政诉讼情况\n", "")
    y23.edit(body5, "\n无\n\n")
    y23.edit("收到政府信息公开申请177件", "收到政府信息公开申请176件")
    files.update(y23.write("five-faults-2023", "five planted faults: 2022年，我镇坚持… in the body; the heading of 四 removed; 五 reads 「无」; "
                           "the prose states 176 applications, 表三 177; 表二 行政规范性文件 现行有效 "
                           f"{fmt(F['active.normativeDocuments.inForce'])} but 2022's {fmt(in_force)} + 本年制发 − 本年废止 = "
                           f"{fmt(F['active.normativeDocuments.inForce'] - 7)}"))
    return files


def main():
    files = fixtures()
    if "--check" in sys.argv:
        bad = [p.name for p, content in files.items() if not p.exists() or p.read_text(encoding="utf-8") != content]
        if bad:
            sys.exit("differs: " + ", ".join(bad))
        print(f"{len(files)} files match")
        return
    OUT.mkdir(parents=True, exist_ok=True)
    for p, content in files.items():
        p.write_text(content, encoding="utf-8")
    print(f"wrote {len(files)} files to {OUT}")


if __name__ == "__main__":
    main()
