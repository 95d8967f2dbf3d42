"""The Python binding (python/huitu.py) over the shared library, with
Debian's python3:  eco_python.py SOURCE_DIR LIBHUITU_SO"""
import ctypes
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import warnings

src, lib = sys.argv[1], sys.argv[2]
os.environ["HUITU_LIBRARY"] = lib
sys.path.insert(0, os.path.join(src, "python"))
import huitu  # noqa: E402

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


tmp = tempfile.mkdtemp()
try:
    spec = {"page": {"width": 600}, "title": "低保标准",
            "blocks": [{"kpi": {"value": 995, "unit": "元/月", "label": "2019年"}},
                       {"compare": {"label": "低保标准", "unit": "元/月", "from": {"value": 500, "label": "2012年"},
                                    "to": {"value": 995, "label": "2019年"}}}]}
    check(huitu.version() == re.search(r"project\(huitu VERSION ([0-9.]+)",
                                       open(os.path.join(src, "CMakeLists.txt")).read()).group(1), "version()")

    # dict -> file, each format by extension
    for ext, magic in (("svg", b"<?xml"), ("png", b"\x89PNG"), ("pdf", b"%PDF")):
        out = os.path.join(tmp, "out." + ext)
        r = huitu.render(spec, out)
        check(r == out and open(out, "rb").read(5).startswith(magic[:4]), "render(dict, 'out.%s')" % ext)

    # bytes, format=; YAML string; pathlib.Path
    svg = huitu.render(spec, format="svg")
    check(svg.startswith(b"<?xml") and b"<desc>" in svg, "render(dict, format='svg') -> bytes")
    check("由500元/月增至995元/月" in svg.decode(), "automatic <desc> summary in the spec's language")
    png = huitu.render("title: 标题\nblocks:\n  - text: 你好\n", format="png", scale=2)
    check(png[:4] == b"\x89PNG", "render(yaml string, format='png', scale=2)")
    w1 = int.from_bytes(huitu.render({"page": {"width": 300}}, format="png")[16:20], "big")
    w2 = int.from_bytes(huitu.render({"page": {"width": 300}}, format="png", scale=2)[16:20], "big")
    check(w2 == 2 * w1, "scale=2 doubles the PNG width (%d -> %d)" % (w1, w2))
    t = huitu.render(spec, format="svg", svg_text="text")
    check(b"<text" in t, "svg_text='text' writes <text>")
    p = pathlib.Path(tmp, "s.yaml")
    p.write_text("title: 文件\n", encoding="utf-8")
    check(huitu.render(p, format="svg").startswith(b"<?xml"), "render(pathlib.Path)")

    # errors: SpecError with file, line, column, message, every diagnostic
    try:
        huitu.render("title: x\npage: {width: wide}\nsubtitel: y\n", format="svg", name="report.yaml")
        check(False, "a bad spec raises SpecError")
    except huitu.SpecError as e:
        check((e.file, e.line, e.column) == ("report.yaml", 2, 15), "SpecError .file/.line/.column (%s:%s:%s)" % (e.file, e.line, e.column))
        check("expected a length" in e.message, "SpecError .message: %s" % e.message)
        check(len(e.diagnostics) == 2 and e.diagnostics[1].line == 3 and "subtitle" in e.diagnostics[1].message,
              "SpecError .diagnostics has every problem")
        check(isinstance(e, ValueError) and isinstance(e, huitu.Error), "SpecError is a huitu.Error and a ValueError")
        check("report.yaml:3:1: error: unknown key 'subtitel'" in str(e), "str(SpecError) is compiler-style")
    try:
        huitu.render({"blocks": [{"kpi": {"value": "很多"}}]}, format="png")
        check(False, "a bad dict raises SpecError")
    except huitu.SpecError as e:
        check(e.line > 0 and e.column > 0, "SpecError from a dict is located in its JSON (%d:%d)" % (e.line, e.column))
    try:
        huitu.render(spec, format="gif")
        check(False, "unknown format raises")
    except ValueError:
        check(True, "format='gif' raises ValueError")
    missing = os.path.join(tmp, "no", "such", "dir", "x.svg")
    try:
        huitu.render(spec, missing)
        check(False, "unwritable path raises")
    except huitu.SpecError:
        check(False, "an I/O error is not a SpecError")
    except huitu.Error as e:
        check(e.status == 1, "an I/O error raises huitu.Error with status 1")
    check(huitu.check({"title": "x", "titel": 1})[0].message.startswith("unknown key"), "check() returns diagnostics")
    check(huitu.check({"title": "x"}) == [], "check() of a clean spec is []")

    # Figure for Jupyter
    f = huitu.Figure(spec)
    check(f._repr_svg_().startswith("<?xml"), "Figure._repr_svg_ -> str")
    check(f._repr_png_()[:4] == b"\x89PNG", "Figure._repr_png_ -> PNG bytes")
    f.save(os.path.join(tmp, "fig.pdf"))
    check(os.path.getsize(os.path.join(tmp, "fig.pdf")) > 1000, "Figure.save(pdf)")

    # threads: one ctx each
    results = []
    ths = [threading.Thread(target=lambda: results.append(len(huitu.render(spec, format="png")))) for _ in range(4)]
    [t.start() for t in ths]
    [t.join() for t in ths]
    check(len(results) == 4 and len(set(results)) == 1, "renders from 4 threads agree")

    # The ctypes struct mirrors huitu_render_opts in the installed header.
    hdr = open(os.path.join(src, "include", "huitu.h"), encoding="utf-8").read()
    body = re.search(r"typedef struct huitu_render_opts \{(.*?)\} huitu_render_opts;", hdr, re.S).group(1)
    body = re.sub(r"/\*.*?\*/", "", body, flags=re.S)
    cfields = re.findall(r"\b(double|int|float|size_t|unsigned)\s+(\w+)\s*;", body)
    pyfields = [(n, t) for n, t in huitu._Opts._fields_]
    ctmap = {"double": ctypes.c_double, "int": ctypes.c_int, "size_t": ctypes.c_size_t}
    check([(n, ctmap.get(t)) for t, n in cfields] == pyfields,
          "huitu._Opts matches huitu_render_opts (%s)" % ", ".join(n for _, n in cfields))
    dbody = re.search(r"typedef struct huitu_diag \{(.*?)\} huitu_diag;", hdr, re.S).group(1)
    dbody = re.sub(r"/\*.*?\*/", "", dbody, flags=re.S)
    names = re.findall(r"(\w+)\s*[,;]", dbody)
    check(names == [n for n, _ in huitu._Diag._fields_], "huitu._Diag matches huitu_diag (%s)" % names)

    # Library lookup without HUITU_LIBRARY: next to the module.
    side = os.path.join(tmp, "side")
    os.makedirs(side)
    shutil.copy(os.path.join(src, "python", "huitu.py"), side)
    shutil.copy(os.path.realpath(lib), os.path.join(side, "libhuitu.so.0"))
    env = {k: v for k, v in os.environ.items() if k != "HUITU_LIBRARY"}
    r = subprocess.run([sys.executable, "-c", "import huitu; huitu.version(); print(huitu._lib._name)"], cwd=side, env=env,
                       capture_output=True, text=True)
    check(r.returncode == 0 and r.stdout.strip().startswith(side), "finds libhuitu next to the module (%s)" % (r.stdout.strip() or r.stderr.strip()[-200:]))
finally:
    shutil.rmtree(tmp, ignore_errors=True)

print("%d failures" % len(failures))
sys.exit(1 if failures else 0)
