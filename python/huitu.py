"""huitu for Python: render chart and infographic specs to PNG, SVG and PDF.

    import huitu
    huitu.render({"title": "低保标准", "blocks": [{"kpi": {"value": 995, "unit": "元/月"}}]}, "out.svg")
    svg = huitu.render("title: 低保标准\\n", format="svg")      # bytes
    huitu.Figure(spec)                                          # shows itself in Jupyter

A spec is a dict (sent as JSON, which is YAML), a YAML/JSON string, or a
pathlib.Path to a spec file.  In a dict, numpy scalars and arrays, pandas
DataFrames and Series, datetime/date/time, Decimal and NaN (as null) are
converted; `"data": df` (a DataFrame) becomes `{"values": [rows]}`.  A wrong
spec raises SpecError carrying every diagnostic with its file, line and
column, and for a dict the key path (`blocks[3].kpi.value`).

Install: `pip install ./python` (from the source tree), or use the copy
`cmake --install` puts in <prefix>/share/huitu/python (add it to PYTHONPATH).
`python3 -m huitu SPEC -o OUT` renders from the command line.

The module is a thin ctypes layer over libhuitu's C API (include/huitu.h).
The library is found through $HUITU_LIBRARY, then next to this file, then
in the install's lib folder (when this file is installed under
share/huitu/python), next to an installed `huitu` program on $PATH
(<prefix>/bin/huitu -> <prefix>/lib), then ctypes.util.find_library("huitu").
"""
import ctypes
import ctypes.util
import datetime
import decimal
import glob
import json
import math
import numbers
import os
import re
import shutil
import sys
import threading
import warnings

__all__ = ["render", "check", "Figure", "Error", "SpecError", "HuituWarning", "Diagnostic", "version"]

FORMATS = {"png": 0, "svg": 1, "pdf": 2}
_SEVERITIES = ("error", "warning", "note")


class Diagnostic:
    """One problem: severity ("error", "warning", "note"), code (2: the spec
    is wrong, 1: environment), file, line, column (1-based; 0 = unknown),
    message, and for a dict spec the key path it is at ("blocks[3].kpi.value";
    "" otherwise)."""

    __slots__ = ("severity", "code", "file", "line", "column", "message", "path")

    def __init__(self, severity, code, file, line, column, message, path=""):
        self.severity, self.code, self.file = severity, code, file
        self.line, self.column, self.message, self.path = line, column, message, path

    def __str__(self):
        where = self.file
        if self.line:
            where += ":%d:%d" % (self.line, self.column) if self.column else ":%d" % self.line
        at = " (at %s)" % self.path if self.path else ""
        return "%s: %s: %s%s" % (where, self.severity, self.message, at)

    def __repr__(self):
        return "Diagnostic(%r)" % str(self)


class Error(Exception):
    """huitu could not render: .diagnostics lists every problem; .file,
    .line, .column, .message and .path are those of the first error."""

    def __init__(self, diagnostics, status=1):
        self.diagnostics = list(diagnostics)
        self.status = status
        errors = [d for d in self.diagnostics if d.severity == "error"] or self.diagnostics
        first = errors[0] if errors else Diagnostic("error", status, "<spec>", 0, 0, "rendering failed")
        self.file, self.line, self.column, self.message = first.file, first.line, first.column, first.message
        self.path = first.path
        super().__init__("\n".join(str(d) for d in errors) or first.message)


class SpecError(Error, ValueError):
    """The spec is wrong (exit status 2 of the CLI): the user must fix it."""


class HuituWarning(UserWarning):
    """A warning from huitu about a spec that still rendered."""


# ---- the library ----

class _Diag(ctypes.Structure):
    _fields_ = [("severity", ctypes.c_int), ("code", ctypes.c_int), ("file", ctypes.c_char_p),
                ("line", ctypes.c_int), ("column", ctypes.c_int), ("message", ctypes.c_char_p)]


class _Opts(ctypes.Structure):
    # Must match huitu_render_opts in huitu.h field for field (tests/eco_python.py checks).
    _fields_ = [("scale", ctypes.c_double), ("dpi", ctypes.c_double), ("svg_text_elements", ctypes.c_int),
                ("max_pixels", ctypes.c_double)]


def _candidates():
    env = os.environ.get("HUITU_LIBRARY")
    if env:
        yield env
        return
    here = os.path.dirname(os.path.abspath(__file__))
    names = ("libhuitu.so.0", "libhuitu.so", "libhuitu.dylib", "huitu.dll")
    for d in (here, os.path.join(here, "..", "build"), os.path.join(here, "..", "..", "..", "lib")):
        for n in names:
            yield os.path.join(d, n)
    # Installed as <prefix>/share/huitu/python/huitu.py: <prefix>/lib/<multiarch>/.
    for p in sorted(glob.glob(os.path.join(here, "..", "..", "..", "lib", "*", "libhuitu.so.0"))):
        yield p
    # Installed with pip while the library sits in a prefix whose bin/huitu
    # is on $PATH: <prefix>/lib[/<multiarch>]/.
    exe = shutil.which("huitu")
    if exe:
        prefix = os.path.dirname(os.path.dirname(os.path.realpath(exe)))
        for d in [os.path.join(prefix, "lib")] + sorted(glob.glob(os.path.join(prefix, "lib", "*", ""))):
            yield os.path.join(d, "libhuitu.so.0")
    found = ctypes.util.find_library("huitu")
    if found:
        yield found


def _load():
    tried = []
    for path in _candidates():
        if os.path.sep in path and not os.path.exists(path):
            tried.append(path)
            continue
        try:
            lib = ctypes.CDLL(path)
        except OSError as e:
            tried.append("%s (%s)" % (path, e))
            continue
        P, I, S = ctypes.c_void_p, ctypes.c_int, ctypes.c_size_t
        sig = {
            "huitu_version": ([], ctypes.c_char_p),
            "huitu_ctx_new": ([ctypes.c_char_p, S], P),
            "huitu_ctx_free": ([P], None),
            "huitu_doc_load_string": ([P, ctypes.c_char_p, ctypes.c_char_p, S], P),
            "huitu_doc_load_file": ([P, ctypes.c_char_p], P),
            "huitu_doc_free": ([P], None),
            "huitu_doc_status": ([P], I),
            "huitu_doc_diag_count": ([P], I),
            "huitu_doc_diag": ([P, I], ctypes.POINTER(_Diag)),
            "huitu_doc_render": ([P, I, ctypes.POINTER(_Opts), ctypes.POINTER(ctypes.POINTER(ctypes.c_ubyte)),
                                  ctypes.POINTER(S)], I),
            "huitu_doc_render_file": ([P, I, ctypes.POINTER(_Opts), ctypes.c_char_p], I),
        }
        for name, (args, res) in sig.items():
            f = getattr(lib, name)
            f.argtypes, f.restype = args, res
        return lib
    raise OSError("cannot load libhuitu (set HUITU_LIBRARY to its path); tried: " + "; ".join(tried))


_lib = None
_local = threading.local()
_lock = threading.Lock()


class _Ctx:
    """One huitu_ctx per thread (a ctx is not thread-safe); freed with the thread."""

    def __init__(self, lib):
        err = ctypes.create_string_buffer(512)
        self.lib, self.ptr = lib, lib.huitu_ctx_new(err, len(err))
        if not self.ptr:
            raise Error([Diagnostic("error", 1, "huitu", 0, 0, err.value.decode("utf-8", "replace"))], 1)

    def __del__(self):
        if getattr(self, "ptr", None):
            self.lib.huitu_ctx_free(self.ptr)
            self.ptr = None


def _ctx():
    global _lib
    with _lock:
        if _lib is None:
            _lib = _load()
    c = getattr(_local, "ctx", None)
    if c is None:
        c = _local.ctx = _Ctx(_lib)
    return c


def version():
    """The library's version string."""
    _ctx()
    return _lib.huitu_version().decode()


def _s(b):
    return b.decode("utf-8", "replace") if b is not None else ""


# ---- dict specs: plain JSON values, and where each key path lands ----

def _path_str(path):
    out = ""
    for k in path:
        if isinstance(k, int):
            out += "[%d]" % k
        elif k and (k[0].isalpha() or k[0] in "_$") and all(c.isalnum() or c in "_$-" for c in k):
            out += ("." if out else "") + k
        else:
            out += "[%s]" % json.dumps(k, ensure_ascii=False)
    return out


def _bad(v, path):
    return TypeError("huitu: cannot send %s at %s (give a number, string, bool, None, list or dict)"
                     % (type(v).__name__, _path_str(path) or "the top level"))


def _float(x):
    return x if math.isfinite(x) else None  # NaN and infinities: null


def _column(values, kind, path):
    """One pandas column or numpy array as a list of plain values."""
    if kind in "iub":
        return values.tolist()
    if kind == "f":
        return [x if x == x and x not in (math.inf, -math.inf) else None for x in values.tolist()]
    if kind == "M":  # datetime64: ISO 8601 text, as short as the values allow; NaT -> null
        np = sys.modules["numpy"]
        ns = values.astype("datetime64[ns]")
        ticks = ns.view("i8")[~np.isnat(ns)]
        unit = "D" if not (ticks % 86400000000000).any() else "s" if not (ticks % 1000000000).any() else "ms"
        return [None if t == "NaT" else t for t in np.datetime_as_string(ns, unit=unit).tolist()]
    return [_plain(x, path + (i,)) for i, x in enumerate(values.tolist())]


def _frame_rows(df, path):
    names = [str(c) for c in df.columns]
    cols = []
    for c in df.columns:
        col = df[c]
        dt = col.dtype
        if getattr(dt, "kind", "O") in "iubfM" and type(dt).__module__.startswith("numpy"):
            cols.append(_column(col.to_numpy(), dt.kind, path))
        else:  # object, categorical, timezone-aware, nullable: one by one
            cols.append([_plain(x, path) for x in col.tolist()])
    return [dict(zip(names, r)) for r in zip(*cols)] if cols else [{} for _ in range(len(df))]


def _plain(v, path=()):
    """v as JSON-ready Python values: numpy and pandas values, datetimes,
    Decimal converted, NaN -> None.  TypeError names the key path."""
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return int(v)
    if isinstance(v, float):
        return _float(v)
    if isinstance(v, dict):
        out = {}
        for k, x in v.items():
            if isinstance(k, bool) or not isinstance(k, (str, int)):
                if type(k).__module__ == "numpy" and hasattr(k, "item"):
                    k = k.item()
                if not isinstance(k, (str, int)) or isinstance(k, bool):
                    raise TypeError("huitu: a key must be a string, not %s (at %s)"
                                    % (type(k).__name__, _path_str(path) or "the top level"))
            k = str(k)
            if k == "data" and type(x).__name__ == "DataFrame":
                out[k] = {"values": _frame_rows(x, path + (k, "values"))}
            else:
                out[k] = _plain(x, path + (k,))
        return out
    if isinstance(v, (list, tuple)):
        return [_plain(x, path + (i,)) for i, x in enumerate(v)]
    if isinstance(v, decimal.Decimal):
        if not v.is_finite():
            return None
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, (datetime.date, datetime.time)):  # datetime, pandas Timestamp
        return None if v != v else v.isoformat()  # NaT != NaT
    if isinstance(v, os.PathLike):
        return os.fspath(v)
    mod, name = type(v).__module__, type(v).__name__
    if mod == "numpy" or mod.startswith("numpy."):
        if name == "ndarray":
            if v.ndim == 1 and v.dtype.kind in "iubfM":
                return _column(v, v.dtype.kind, path)
            return _plain(v.tolist(), path)
        if name == "datetime64":
            t = str(sys.modules["numpy"].datetime_as_string(v))
            return None if t == "NaT" else t
        if hasattr(v, "item"):
            return _plain(v.item(), path)
    if mod.startswith("pandas"):
        if name == "DataFrame":
            return _frame_rows(v, path)
        if name == "Series" or name.endswith("Index"):
            dt = v.dtype
            if getattr(dt, "kind", "O") in "iubfM" and type(dt).__module__.startswith("numpy"):
                return _column(v.to_numpy(), dt.kind, path)
            return [_plain(x, path + (i,)) for i, x in enumerate(v.tolist())]
        if name in ("NAType", "NaTType"):
            return None
    if isinstance(v, numbers.Integral):
        return int(v)
    if isinstance(v, numbers.Real):  # Fraction, ...
        return _float(float(v))
    raise _bad(v, path)


class _JsonText:
    """A plain value as JSON text, one member or item a line, remembering
    the key path of each line, so a diagnostic's line and column lead back
    to `blocks[3].kpi.value`.  Containers without nested containers, and
    long lists (data rows), go on one line; a column on such a line is
    traced to its member when asked."""

    _enc = json.JSONEncoder(ensure_ascii=False, allow_nan=False)
    LONG = 64

    def __init__(self, value):
        self.lines, self.where = [], []
        self._emit(value, (), 0, "", "")

    def text(self):
        return ("\n".join(self.lines) + "\n").encode("utf-8")

    def _emit(self, v, path, depth, head, tail):
        pad = " " * depth
        if isinstance(v, (dict, list)) and v:
            if (isinstance(v, list) and len(v) > self.LONG) or \
                    not any(isinstance(x, (dict, list)) and x for x in (v.values() if isinstance(v, dict) else v)):
                self.lines.append(pad + head + self._enc.encode(v) + tail)
                self.where.append((path, len(pad) + len(head) + 1, v))
                return
            o, c = ("{", "}") if isinstance(v, dict) else ("[", "]")
            self.lines.append(pad + head + o)
            self.where.append((path, 0, None))
            items = list(v.items() if isinstance(v, dict) else enumerate(v))
            for i, (k, x) in enumerate(items):
                h = self._enc.encode(k) + ": " if isinstance(v, dict) else ""
                self._emit(x, path + (k,), depth + 1, h, "," if i < len(items) - 1 else "")
            self.lines.append(pad + c + tail)
            self.where.append((path, 0, None))
            return
        self.lines.append(pad + head + self._enc.encode(v) + tail)
        self.where.append((path, 0, None))

    def _locate(self, v, open_col, column, path):
        """The path of the member of v (a container written on one line,
        its bracket at open_col) that column falls in."""
        col = open_col + 1
        members = v.items() if isinstance(v, dict) else enumerate(v)
        for k, x in members:
            if col > column:
                break
            start = col + (len(self._enc.encode(k)) + 2 if isinstance(v, dict) else 0)
            end = start + len(self._enc.encode(x))
            if column < end + 2:  # within the member or its ", "
                if isinstance(x, (dict, list)) and x and start <= column < end:
                    return self._locate(x, start, column, path + (k,))
                return path + (k,)
            col = end + 2
        return path

    def path_at(self, line, column):
        """The key path at line:column (1-based) of text(); "" when unknown."""
        if not 1 <= line <= len(self.where):
            return ""
        path, col0, v = self.where[line - 1]
        if v is not None and column > col0:
            path = self._locate(v, col0, column, path)
        return _path_str(path)


class _Doc:
    json = None  # a dict spec's _JsonText: key paths for diagnostics

    def __init__(self, spec, name):
        self.ctx = _ctx()  # keeps the ctx alive while the doc lives
        lib = _lib
        if isinstance(spec, os.PathLike):
            self.ptr = lib.huitu_doc_load_file(self.ctx.ptr, os.fsencode(spec))
        else:
            if isinstance(spec, dict):
                self.json = _JsonText(_plain(spec))
                text = self.json.text()
            elif isinstance(spec, str):
                text = spec.encode("utf-8")
            elif isinstance(spec, (bytes, bytearray)):
                text = bytes(spec)
            else:
                raise TypeError("a spec is a dict, a YAML/JSON string or a pathlib.Path, not %s" % type(spec).__name__)
            self.ptr = lib.huitu_doc_load_string(self.ctx.ptr, (name or "<spec>").encode("utf-8"), text, len(text))
        if not self.ptr:
            raise MemoryError("huitu: out of memory")

    def diagnostics(self):
        lib, out = _lib, []
        for i in range(lib.huitu_doc_diag_count(self.ptr)):
            d = lib.huitu_doc_diag(self.ptr, i).contents
            sev = _SEVERITIES[d.severity] if 0 <= d.severity < len(_SEVERITIES) else "error"
            path = self.json.path_at(d.line, d.column) if self.json else ""
            out.append(Diagnostic(sev, d.code, _s(d.file), d.line, d.column, _s(d.message), path))
        return out

    def raise_for(self, status):
        diags = self.diagnostics()
        if status == 2:
            raise SpecError(diags, 2)
        if status:
            raise Error(diags, status)
        for d in diags:
            if d.severity == "warning":
                warnings.warn(str(d), HuituWarning, stacklevel=4)

    def free(self):
        if self.ptr:
            _lib.huitu_doc_free(self.ptr)
            self.ptr = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.free()


def _opts(scale, dpi, svg_text):
    if svg_text not in (None, "paths", "text", True, False):
        raise ValueError("svg_text must be 'paths' or 'text'")
    return _Opts(float(scale or 0), float(dpi or 0), 1 if svg_text in ("text", True) else 0)


def _format(format, path):
    if format is None and path is not None:
        format = os.path.splitext(os.fspath(path))[1].lstrip(".")
        if not format:
            raise ValueError("cannot tell the format of %r: give it a .png, .svg or .pdf extension, or format=" % path)
    fmt = (format or "svg").lower()
    if fmt not in FORMATS:
        raise ValueError("unknown format %r (png, svg or pdf)" % format)
    return FORMATS[fmt]


def render(spec, path=None, format=None, scale=None, dpi=None, svg_text=None, name=None):
    """Render spec.  With path: write the file atomically (format from its
    extension unless format= is given) and return the path.  Without path:
    return the bytes (format default "svg").  scale: PNG pixel ratio; dpi:
    PNG dots per inch; svg_text="text": editable <text> in SVG.  name: the
    file name used in messages (and for relative data paths) for string
    specs.  Raises SpecError when the spec is wrong, Error otherwise."""
    fmt = _format(format, path)
    opts = _opts(scale, dpi, svg_text)
    with _Doc(spec, name) as doc:
        status = _lib.huitu_doc_status(doc.ptr)
        if status:
            doc.raise_for(status)
        if path is not None:
            status = _lib.huitu_doc_render_file(doc.ptr, fmt, ctypes.byref(opts), os.fsencode(path))
            doc.raise_for(status)
            return path
        out = ctypes.POINTER(ctypes.c_ubyte)()
        n = ctypes.c_size_t(0)
        status = _lib.huitu_doc_render(doc.ptr, fmt, ctypes.byref(opts), ctypes.byref(out), ctypes.byref(n))
        doc.raise_for(status)
        return ctypes.string_at(out, n.value)  # a copy: the doc owns out


def check(spec, name=None):
    """Parse and lay out spec without rendering an image; returns the list
    of diagnostics (empty when the spec is clean), raising nothing."""
    with _Doc(spec, name) as doc:
        if _lib.huitu_doc_status(doc.ptr) == 0:
            out = ctypes.POINTER(ctypes.c_ubyte)()
            n = ctypes.c_size_t(0)
            _lib.huitu_doc_render(doc.ptr, FORMATS["svg"], None, ctypes.byref(out), ctypes.byref(n))
        return doc.diagnostics()


_svg_ids = [0]


def _inline_svg(svg):
    """SVG text for inlining into HTML (Jupyter, nbconvert): no XML
    declaration, and ids (glyphs, clips) prefixed per figure so that two
    figures on one page do not use each other's glyphs."""
    text = svg.decode("utf-8")
    if text.startswith("<?xml"):
        text = text[text.index("?>") + 2:].lstrip()
    with _lock:
        _svg_ids[0] += 1
        p = "huitu%d-" % _svg_ids[0]
    text = re.sub(r'(?<![\w:-])id="', 'id="' + p, text)
    text = re.sub(r'(href=")#', r"\g<1>#" + p, text)
    return re.sub(r"url\(#", "url(#" + p, text)


class Figure:
    """A spec that displays itself in Jupyter and saves.  It is rendered
    once when created: a wrong spec raises SpecError there, once, and
    warnings are shown there; displays reuse that SVG.  Change .spec and
    make a new Figure to redraw.

    formats: what a display offers, ("svg", "png") by default; front ends
    show the first they support.  Debian 12's `jupyter nbconvert --to html`
    strips the inside of every SVG output (lxml's clean_html), so for HTML
    exports there use formats=("png",)."""

    def __init__(self, spec, scale=2, name=None, formats=("svg", "png")):
        bad = [f for f in formats if f not in ("svg", "png")]
        if bad or not formats:
            raise ValueError("Figure formats are 'svg' and 'png', not %r" % (bad or formats,))
        self.spec, self.scale, self.name, self.formats = spec, scale, name, tuple(formats)
        self._svg = render(spec, format="svg", name=name)

    def svg(self, **kw):
        if not kw:
            return self._svg
        return render(self.spec, format="svg", name=self.name, **kw)

    def png(self, scale=None, **kw):
        return render(self.spec, format="png", scale=scale or self.scale, name=self.name, **kw)

    def pdf(self, **kw):
        return render(self.spec, format="pdf", name=self.name, **kw)

    def save(self, path, **kw):
        kw.setdefault("name", self.name)
        return render(self.spec, path, **kw)

    def _repr_svg_(self):
        return _inline_svg(self._svg) if "svg" in self.formats else None

    def _repr_png_(self):
        # The spec was checked (and its warnings shown) when the Figure was
        # made; a PNG that cannot be made (too many pixels) is just left out.
        if "png" not in self.formats:
            return None
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", HuituWarning)
            try:
                return self.png()
            except Error:
                return None

    def __repr__(self):
        return "<huitu.Figure %s>" % (self.spec.get("title", "") if isinstance(self.spec, dict) else "")


def main(argv=None):
    """python3 -m huitu SPEC [SPEC...] -o OUT [--scale N] [--dpi N] | --check SPEC... | --version"""
    import argparse
    ap = argparse.ArgumentParser(prog="python3 -m huitu", description="Render huitu specs through the Python binding.")
    ap.add_argument("specs", nargs="*", metavar="SPEC")
    ap.add_argument("-o", "--output", help="output file (.png, .svg, .pdf); with several specs, a folder")
    ap.add_argument("-f", "--format", choices=sorted(FORMATS))
    ap.add_argument("--scale", type=float)
    ap.add_argument("--dpi", type=float)
    ap.add_argument("--check", action="store_true", help="print the problems, render nothing")
    ap.add_argument("--version", action="store_true")
    a = ap.parse_args(argv)
    if a.version:
        print("huitu %s (%s)" % (version(), _lib._name))
        return 0
    if not a.specs or (not a.check and not a.output):
        ap.error("give SPEC and -o OUT (or --check SPEC)")
    import pathlib
    status = 0
    for spec in a.specs:
        if a.check:
            diags = check(pathlib.Path(spec))
            for d in diags:
                print(d, file=sys.stderr)
            status = max(status, 2 if any(d.severity == "error" for d in diags) else 0)
            continue
        out = a.output
        if len(a.specs) > 1 or os.path.isdir(out):
            base = os.path.splitext(os.path.basename(spec))[0]
            out = os.path.join(out, base + "." + (a.format or "png"))
        try:
            with warnings.catch_warnings(record=True) as ws:
                warnings.simplefilter("always", HuituWarning)
                render(pathlib.Path(spec), out, format=a.format, scale=a.scale, dpi=a.dpi)
            for w in ws:
                print(w.message, file=sys.stderr)
        except Error as e:
            print(e, file=sys.stderr)
            status = max(status, e.status)
    return status


if __name__ == "__main__":
    sys.exit(main())
