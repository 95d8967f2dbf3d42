"""The Python binding (python/huitu.py) over the shared library, with
Debian's python3:  eco_python.py SOURCE_DIR LIBHUITU_SO [--data]
With --data: numpy, pandas, datetime/Decimal/NaN in dict specs, key paths
in errors, Figure in Jupyter (an nbconvert HTML export), `pip install
./python` and `python3 -m huitu`; exits 77 (skipped) when python3-numpy,
python3-pandas or jupyter-nbconvert are not installed
(scripts/install-test-deps.sh installs them)."""
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
DATA = "--data" in sys.argv[3:]
os.environ["HUITU_LIBRARY"] = lib
sys.path.insert(0, os.path.join(src, "python"))
import huitu  # noqa: E402

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def data_tests(tmp):
    """--data: numpy/pandas, key paths, Jupyter, install."""
    try:
        import numpy as np
        import pandas as pd
    except ImportError as e:
        print("SKIP: %s (apt-get install python3-numpy python3-pandas, or scripts/install-test-deps.sh)" % e)
        sys.exit(77)
    nbconvert = shutil.which("jupyter-nbconvert")
    if not nbconvert:
        print("SKIP: no jupyter-nbconvert (apt-get install jupyter-nbconvert)")
        sys.exit(77)
    import base64
    import datetime
    import decimal
    import json

    # numpy scalars and arrays, Decimal, datetime, NaN -> null
    plain = huitu._plain({"a": np.int64(995), "b": np.float32(9.5), "c": np.array([1.5, np.nan, 3]), "d": np.bool_(True),
                          "e": decimal.Decimal("9.01"), "f": decimal.Decimal("995"), "g": datetime.date(2019, 9, 11),
                          "h": datetime.datetime(2019, 9, 11, 8, 30), "i": float("nan"), "j": [float("inf")],
                          "k": np.datetime64("2019-09-11"), "l": pd.NaT, "m": pd.NA, "n": np.arange(3),
                          "o": pd.Timestamp("2019-09-11"), "p": pathlib.Path("data/beds.csv")})
    want = {"a": 995, "b": 9.5, "c": [1.5, None, 3.0], "d": True, "e": 9.01, "f": 995, "g": "2019-09-11",
            "h": "2019-09-11T08:30:00", "i": None, "j": [None], "k": "2019-09-11", "l": None, "m": None, "n": [0, 1, 2],
            "o": "2019-09-11T00:00:00", "p": "data/beds.csv"}
    check(plain == want, "numpy, Decimal, datetime, NaN, NaT, pd.NA, Path become JSON values%s"
          % ("" if plain == want else ": %r" % {k: v for k, v in plain.items() if want.get(k) != v}))
    check(type(plain["a"]) is int and type(plain["c"][0]) is float, "numpy scalars become Python int and float")
    try:
        huitu.render({"blocks": [{"kpi": {"value": 995, "label": object()}}]}, format="svg")
        check(False, "an object that is not JSON raises TypeError")
    except TypeError as e:
        check("blocks[0].kpi.label" in str(e), "TypeError names the key path: %s" % e)

    # A DataFrame as a chart's data (data: df -> values), a Series, NaN rows.
    # 苏州市养老服务设施建设 (seed: 日间照料中心, 助餐点, 护理床位占比 2019)
    df = pd.DataFrame({"设施": ["日间照料中心", "助餐点", "标准化老年人助餐点"], "数量": np.array([1924, 1128, np.nan])})
    chart = {"mark": "bar", "data": df,
             "encoding": {"x": {"field": "设施", "type": "nominal"}, "y": {"field": "数量", "type": "quantitative"}}}
    spec = {"page": {"width": 600}, "title": "养老服务设施", "blocks": [{"chart": chart}]}
    svg = huitu.render(spec, format="svg", svg_text="text")
    check(b"1924" in svg or "日间照料中心".encode() in svg, "render({'data': DataFrame}) draws the frame's rows")
    check(huitu._plain({"data": df})["data"] == {"values": [{"设施": "日间照料中心", "数量": 1924.0}, {"设施": "助餐点", "数量": 1128.0},
                                                            {"设施": "标准化老年人助餐点", "数量": None}]},
          "data: df becomes {values: rows}, NaN -> null")
    years = pd.DataFrame({"年份": pd.to_datetime(["2012-01-01", "2019-01-01"]), "标准": [500, 995]})
    check(huitu._plain({"data": years})["data"]["values"][0]["年份"] == "2012-01-01", "datetime64 columns as ISO dates")
    line = {"mark": "line", "data": years,
            "encoding": {"x": {"field": "年份", "type": "temporal"}, "y": {"field": "标准", "type": "quantitative"}}}
    check(huitu.check({"blocks": [{"chart": line}]}) == [], "a temporal DataFrame column checks clean")
    s = pd.Series([500, 995], name="标准")
    check(huitu._plain({"v": s}) == {"v": [500, 995]}, "a Series becomes a list")
    kpi = huitu.check({"blocks": [{"kpi": {"value": np.float64(995), "unit": "元/月", "label": np.str_("2019年")}}]})
    check(kpi == [], "numpy scalars in a kpi check clean (%s)" % kpi)

    # Errors in a dict spec name the key path as well as line:column.
    bad = {"title": "x", "blocks": [{"text": "a"}, {"kpi": {"value": 995}}, {"text": "b"},
                                     {"kpi": {"value": "很多", "unit": "元"}}]}
    try:
        huitu.render(bad, format="svg")
        check(False, "a bad dict raises SpecError")
    except huitu.SpecError as e:
        check(e.path == "blocks[3].kpi.value", "SpecError.path is blocks[3].kpi.value (%r)" % e.path)
        check(e.line > 0 and e.column > 0 and "(at blocks[3].kpi.value)" in str(e), "str(SpecError): %s" % e)
    rows = [{"年份": 2012 + i, "标准": 500 + i} for i in range(100)]
    rows[70]["标准"] = "38487张"
    d = huitu.check({"blocks": [{"chart": {"mark": "bar", "data": {"values": rows}, "encodng": {}}}]})
    check(any(x.path == "blocks[0].chart.encodng" for x in d), "key path of a typo in a chart (%s)" % [x.path for x in d])
    d = huitu.check({"page": {"width": 600, "titel": 1}})
    check([x.path for x in d] == ["page.titel"], "key path of an unknown key (%s)" % [str(x) for x in d])

    # A bad Figure raises once, when made; its warnings are shown once.
    try:
        huitu.Figure({"title": "x", "titel": 2})
        check(False, "a bad Figure raises when made")
    except huitu.SpecError as e:
        check("titel" in str(e), "a bad Figure raises SpecError when made")
    with warnings.catch_warnings(record=True) as ws:
        warnings.simplefilter("always")
        warn_spec = {"title": "x", "theme": {"font": "No Such Font"}}
        f = huitu.Figure(warn_spec)
        n_made = len(ws)
        f._repr_svg_()
        f._repr_png_()
        f._repr_svg_()
    check(n_made == 1 and len(ws) == n_made, "displaying a Figure repeats no warning (%d when made, %d after)" % (n_made, len(ws)))
    f1, f2 = huitu.Figure({"title": "甲"}), huitu.Figure({"title": "乙"})
    ids1 = set(re.findall(r' id="([^"]+)"', f1._repr_svg_()))
    ids2 = set(re.findall(r' id="([^"]+)"', f2._repr_svg_()))
    check(ids1 and ids2 and not ids1 & ids2, "two Figures on one page share no SVG id")
    s1 = f1._repr_svg_()
    check(all(r[1:] in ids1 or r[1:] in set(re.findall(r' id="([^"]+)"', s1)) for r in re.findall(r'href="(#[^"]+)"', s1)),
          "every href in an inlined Figure points at an id in it")

    # Jupyter: notebooks with a Figure's output export to HTML.
    def export(fig, name):
        bundle = {"text/plain": repr(fig)}
        for mime, meth in (("image/svg+xml", fig._repr_svg_), ("image/png", fig._repr_png_)):
            data = meth()
            if data is not None:
                bundle[mime] = data if isinstance(data, str) else base64.b64encode(data).decode()
        nb = {"nbformat": 4, "nbformat_minor": 5, "metadata": {},
              "cells": [{"cell_type": "code", "id": "c1", "metadata": {}, "execution_count": 1, "source": "huitu.Figure(spec)",
                         "outputs": [{"output_type": "execute_result", "execution_count": 1, "metadata": {}, "data": bundle}]}]}
        with open(os.path.join(tmp, name + ".ipynb"), "w", encoding="utf-8") as fh:
            json.dump(nb, fh, ensure_ascii=False)
        r = subprocess.run([nbconvert, "--to", "html", os.path.join(tmp, name + ".ipynb")], capture_output=True, text=True)
        html = os.path.join(tmp, name + ".html")
        ok = r.returncode == 0 and os.path.exists(html)
        check(ok, "jupyter nbconvert --to html: a notebook with a Figure (%s)%s" % (", ".join(fig.formats), "" if ok else ": " + r.stderr[-400:]))
        return open(html, encoding="utf-8").read() if ok else ""

    kpi_spec = {"title": "苏州市低保标准", "blocks": [{"kpi": {"value": 995, "unit": "元/月", "label": "2019年低保标准"}}]}
    h = export(huitu.Figure(kpi_spec), "svg")
    check(h.count("<svg") == 1 and "<?xml" not in h, "the HTML has the figure's SVG inline, without an XML declaration")
    if h and "<path" not in h:
        print("note: this nbconvert strips the inside of SVG outputs (Debian's lxml clean_html): use Figure(formats=('png',))")
    h = export(huitu.Figure(kpi_spec, formats=("png",)), "png")
    check('<img src="data:image/png;base64,' in h and "<svg" not in h, "Figure(formats=('png',)) exports as a PNG image")

    # Install: pip install ./python (a copy: pip builds in the tree), then
    # import it from elsewhere; python3 -m huitu.
    pysrc = os.path.join(tmp, "pysrc")
    shutil.copytree(os.path.join(src, "python"), pysrc, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    meta = open(os.path.join(pysrc, "pyproject.toml"), encoding="utf-8").read()
    cm = open(os.path.join(src, "CMakeLists.txt")).read()
    check(re.search(r'^version = "([0-9.]+)"', meta, re.M).group(1) == re.search(r"project\(huitu VERSION ([0-9.]+)", cm).group(1),
          "python/pyproject.toml has the project's version")
    target = os.path.join(tmp, "site")
    r = subprocess.run([sys.executable, "-m", "pip", "install", "--no-index", "--no-build-isolation", "--no-deps", "--quiet",
                        "--target", target, pysrc], capture_output=True, text=True)
    if r.returncode != 0 and "No module named pip" in r.stderr:
        print("note: no pip (python3-pip): pip install ./python not tested")
    else:
        check(r.returncode == 0 and os.path.exists(os.path.join(target, "huitu.py")),
              "pip install ./python%s" % ("" if r.returncode == 0 else ": " + r.stderr[-400:]))
        env = dict(os.environ, PYTHONPATH=target)
        r = subprocess.run([sys.executable, "-c", "import huitu; print(huitu.__file__); print(huitu.version())"],
                           cwd=tmp, env=env, capture_output=True, text=True)
        check(r.returncode == 0 and r.stdout.startswith(target), "import huitu after pip install (%s)" % (r.stdout + r.stderr).strip()[-200:])
    specf = os.path.join(tmp, "m.yaml")
    with open(specf, "w", encoding="utf-8") as fh:
        fh.write("title: 苏州市低保标准\nblocks:\n  - kpi: {value: 995, unit: 元/月}\n")
    env = dict(os.environ, PYTHONPATH=os.path.join(src, "python"))
    r = subprocess.run([sys.executable, "-m", "huitu", specf, "-o", os.path.join(tmp, "m.png")], env=env, capture_output=True, text=True)
    check(r.returncode == 0 and open(os.path.join(tmp, "m.png"), "rb").read(4) == b"\x89PNG",
          "python3 -m huitu SPEC -o OUT.png%s" % ("" if r.returncode == 0 else ": " + r.stderr[-300:]))
    with open(specf, "w", encoding="utf-8") as fh:
        fh.write("title: x\npage: {width: wide}\n")
    r = subprocess.run([sys.executable, "-m", "huitu", "--check", specf], env=env, capture_output=True, text=True)
    check(r.returncode == 2 and "m.yaml:2:15: error: expected a length" in r.stderr,
          "python3 -m huitu --check: exit 2 and a located message (%d %s)" % (r.returncode, r.stderr.strip()[-200:]))


def core_tests(tmp):
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
    check(f._repr_svg_().startswith("<svg"), "Figure._repr_svg_ -> str without the XML declaration")
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


tmp = tempfile.mkdtemp()
try:
    if DATA:
        data_tests(tmp)
    else:
        core_tests(tmp)
finally:
    shutil.rmtree(tmp, ignore_errors=True)

print("%d failures" % len(failures))
sys.exit(1 if failures else 0)
