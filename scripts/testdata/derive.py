#!/usr/bin/env python3
"""Derives text fixtures from generated ones, for defects the generator does not write itself.

    python3 scripts/testdata/derive.py            # writes the derived files (+ truth)
    python3 scripts/testdata/derive.py --check    # fails when a committed file differs

text/noisy-review-header.txt: text/tab-utf8-bom.txt without the heading 四、政府信息公开行政复议、
行政诉讼情况 and with 表四's header garbled as by OCR (议→仪, 诉→拆/沂): no word of the header names
表四 any more, so only the label model's table classifier can tell where 表三 ends. The figures are
unchanged, so the truth is the source's.
"""
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2] / "testdata" / "text"


def noisy_review_header():
    text = (ROOT / "tab-utf8-bom.txt").read_text(encoding="utf-8-sig")
    edits = [
        ("四、政府信息公开行政复议、行政诉讼情况\n", ""),
        ("\n行政复议\t行政诉讼\n", "\n行政复仪\t行政拆讼\n"),
        ("\t未经复议直接起诉\t复议后起诉\n", "\t未经复仪直接起沂\t复仪后起拆\n"),
    ]
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    truth = json.loads((ROOT / "tab-utf8-bom.truth.json").read_text(encoding="utf-8"))
    truth["notes"] = ("Derived from tab-utf8-bom.txt by scripts/testdata/derive.py: the heading of section 四 "
                      "is gone and 表四's header is garbled (行政复仪, 行政拆讼, 未经复仪直接起沂, 复仪后起拆), so no "
                      "keyword marks where 表三 ends; figures as in the source.")
    return {"noisy-review-header.txt": text,
            "noisy-review-header.truth.json": json.dumps(truth, ensure_ascii=False, indent=1) + "\n"}


def main():
    files = noisy_review_header()
    check = "--check" in sys.argv
    for name, content in files.items():
        path = ROOT / name
        if check:
            if path.read_text(encoding="utf-8") != content:
                sys.exit(f"{path.name} differs from a fresh derivation")
        else:
            path.write_text(content, encoding="utf-8")
    print(("checked " if check else "wrote ") + ", ".join(files))


if __name__ == "__main__":
    main()
