"""The limits agree everywhere they are written: src/base/limits.h (the
truth, used by the code), the defaults huitu_ctx_get_limit returns (via
`huitu render --help`'s defaults), the comments of include/huitu.h, and
the "Limits" table of docs/reference.md (the README's reference).
    eco_limits.py SOURCE_DIR HUITU"""
import re
import subprocess
import sys

src, huitu = sys.argv[1], sys.argv[2]
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def num(text):
    """'32 MiB', '64 KiB', '2,000,000', '2^28', '2²⁸ = ...', '2048', '(1L << 26)', '(32L * 1024 * 1024)'."""
    t = text.strip().replace(",", "").replace("²⁸", "^28").replace("²⁶", "^26")
    m = re.match(r"\(?\s*(\d+)L?\s*<<\s*(\d+)\s*\)?", t)
    if m:
        return int(m.group(1)) << int(m.group(2))
    m = re.match(r"\(?\s*(\d+)L?((?:\s*\*\s*\d+)*)\s*\)?", t)
    if m and m.group(2):
        v = int(m.group(1))
        for f in re.findall(r"\d+", m.group(2)):
            v *= int(f)
        return v
    m = re.match(r"2\^(\d+)", t)
    if m:
        return 1 << int(m.group(1))
    m = re.match(r"(\d+)\s*(KiB|MiB|GiB)?", t)
    if m:
        return int(m.group(1)) * {None: 1, "KiB": 1024, "MiB": 1 << 20, "GiB": 1 << 30}[m.group(2)]
    raise ValueError("not a limit: %r" % text)


limits_h = open(src + "/src/base/limits.h", encoding="utf-8").read()
truth = {}
for name, value in re.findall(r"#define LIMIT_(\w+)\s+(\S+(?:\s*[*<]+\s*\S+)*)", limits_h):
    try:
        truth[name] = num(value)
    except ValueError:
        pass
truth["MEMORY"] = truth.pop("MEMORY_MB")

# name in limits.h: (huitu.h enum, --help option, README row start)
rows = {"SPEC_BYTES": ("HUITU_LIMIT_SPEC_BYTES", "max-spec-bytes", "spec file size"),
        "DEPTH": ("HUITU_LIMIT_DEPTH", "max-depth", "nesting depth of the spec"),
        "STRING_BYTES": ("HUITU_LIMIT_STRING_BYTES", "max-string-bytes", "one string in the spec"),
        "ROWS": ("HUITU_LIMIT_ROWS", "max-rows", "rows in one data table"),
        "PAGE_PIXELS": ("HUITU_LIMIT_PIXELS", "max-pixels", "PNG pixels"),
        "IMAGE_PIXELS": ("HUITU_LIMIT_IMAGE_PIXELS", "max-image-pixels", "pixels of one input image"),
        "MEMORY": ("HUITU_LIMIT_MEMORY", "max-memory", "memory one figure")}

header = open(src + "/include/huitu.h", encoding="utf-8").read()
readme = open(src + "/docs/reference.md", encoding="utf-8").read()  # the README's reference, moved
helptext = subprocess.run([huitu, "render", "--help"], capture_output=True, text=True).stdout
table = readme[readme.index("## Limits"):]
for name, (enum, opt, row) in rows.items():
    # Compared in bytes for sizes; the memory limit is written in MiB in
    # limits.h, huitu.h and --help ("MB"), and as "2,048 MiB" in the README.
    mib = 1 << 20 if name == "MEMORY" else 1
    want = truth[name] * mib
    m = re.search(enum + r",\s*/\*[^\n]*?default (2\^\d+|\d[\d,]*\d(?: [KMG]iB)?|\d(?: [KMG]iB)?)", header)
    check(m is not None and num(m.group(1)) * mib == want,
          "huitu.h %s: %s (limits.h: %d)" % (enum, m.group(1) if m else "no default", truth[name]))
    m = re.search(r"--%s\s+\S+\s+.*?\(default ([^,)=]+)" % opt, helptext)
    check(m is not None and num(m.group(1)) * mib == want,
          "--help --%s: %s (limits.h: %d)" % (opt, m.group(1).strip() if m else "no default", truth[name]))
    m = re.search(r"^\| %s[^|]*\| ([^|]+?) \|" % re.escape(row), table, re.M)
    check(m is not None and num(m.group(1)) == want,
          "README %s: %s (limits.h: %d)" % (row, m.group(1) if m else "no row", truth[name]))
m = re.search(r"HUITU_LIMIT_DEPTH,[^\n]*at most ([\d,]+)", header)
check(m and num(m.group(1)) == truth["DEPTH_MAX"], "huitu.h: depth at most %s (limits.h: %d)" % (m.group(1) if m else "-", truth["DEPTH_MAX"]))
m = re.search(r"--max-depth[^\n]*at most (\d+)", helptext)
check(m and num(m.group(1)) == truth["DEPTH_MAX"], "--help: depth at most %s" % (m.group(1) if m else "-"))
print("%d failures" % len(failures))
sys.exit(1 if failures else 0)
