#!/usr/bin/env python3
"""Titles and labels for the word-breaking corpus (tests/cjk/labels.txt).

Run once: python3 tests/cjk/extract_labels.py ../shared/seed/suzhou-minzheng-2019.txt > tests/cjk/labels.txt

Phrases of the seed report between sentence and clause punctuation, the
lengths a title, a key-number label, a table cell or a legend entry has
(3 to 30 characters; clauses split at commas and enumeration commas, and
also whole clauses between semicolons and full stops when that short), in order of first appearance, each once.  The page's
web junk (the first line, the site's menu and counters, the injected
gambling-site name) is left out, as the seed's README says."""
import re
import sys

JUNK = ("澳门上葡京", "首页", "幻灯片", "浏览次数", "字号", "视力保护色", "时间:", "来源:")

def main(path):
    text = open(path, encoding="utf-8").read().splitlines()[1:]  # the first line is junk
    seen, out = set(), []
    for line in text:
        line = line.strip()
        if not line or any(j in line for j in JUNK):
            continue
        # clauses: split at 。；，、：！？ and their ASCII forms, keep brackets inside
        parts = re.split(r"[。；;，,：:！!？?\s]+", line) + re.split(r"[。；;：:！!？?\s]+", line)
        for part in parts:
            part = part.strip("“”\"　 ")
            part = part.lstrip("—")
            n = len(part)
            if n < 3 or n > 30 or part in seen:
                continue
            if not re.search(r"[\u4e00-\u9fff]", part):
                continue
            # unbalanced brackets or quotes make poor labels
            if part.count("（") != part.count("）") or part.count("(") != part.count(")"):
                continue
            if part.count("“") != part.count("”") or part.count("《") != part.count("》"):
                continue
            seen.add(part)
            out.append(part)
    sys.stdout.write("\n".join(out) + "\n")

if __name__ == "__main__":
    main(sys.argv[1])
