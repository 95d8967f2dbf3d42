"""huitu for Python: render chart and infographic specs to PNG, SVG and PDF.

    import huitu
    huitu.render({"title": "低保标准", "blocks": [{"kpi": {"value": 995, "unit": "元/月"}}]}, "out.svg")
    svg = huitu.render("title: 低保标准\\n", format="svg")      # bytes
    huitu.Figure(spec)                                          # shows itself in Jupyter

A spec is a dict (sent as JSON, which is YAML), a YAML/JSON string, or a
pathlib.Path to a spec file.  A wrong spec raises SpecError carrying every
diagnostic with its file, line and column.

The module is a thin ctypes layer over libhuitu's C API (include/huitu.h).
The library is found through $HUITU_LIBRARY, then next to this file, then
in the install's lib folder (when this file is installed under
share/huitu/python), then ctypes.util.find_library("huitu").
"""
import ctypes
import ctypes.util
import glob
import json
import os
import threading
import warnings

__all__ = ["render", "check", "Figure", "Error", "SpecError", "HuituWarning", "Diagnostic", "version"]

FORMATS = {"png": 0, "svg": 1, "pdf": 2}
_SEVERITIES = ("error", "warning", "note")


class Diagnostic:
    """One problem: severity ("error", "warning", "note"), code (2: the spec
    is wrong, 1: environment), file, line, column (1-based; 0 = unknown)."""

    __slots__ = ("severity", "code", "file", "line", "column", "message")

    def __init__(self, severity, code, file, line, column, message):
        self.severity, self.code, self.file = severity, code, file
        self.line, self.column, self.message = line, column, message

    def __str__(self):
        where = self.file
        if self.line:
            where += ":%d:%d" % (self.line, self.column) if self.column else ":%d" % self.line
        return "%s: %s: %s" % (where, self.severity, self.message)

    def __repr__(self):
        return "Diagnostic(%r)" % str(self)


class Error(Exception):
    """huitu could not render: .diagnostics lists every problem; .file,
    .line, .column and .message are those of the first error."""

    def __init__(self, diagnostics, status=1):
        self.diagnostics = list(diagnostics)
        self.status = status
        errors = [d for d in self.diagnostics if d.severity == "error"] or self.diagnostics
        first = errors[0] if errors else Diagnostic("error", status, "<spec>", 0, 0, "rendering failed")
        self.file, self.line, self.column, self.message = first.file, first.line, first.column, first.message
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


class _Doc:
    def __init__(self, spec, name):
        self.ctx = _ctx()  # keeps the ctx alive while the doc lives
        lib = _lib
        if isinstance(spec, os.PathLike):
            self.ptr = lib.huitu_doc_load_file(self.ctx.ptr, os.fsencode(spec))
        else:
            if isinstance(spec, dict):
                text = json.dumps(spec, ensure_ascii=False, indent=1, allow_nan=False).encode("utf-8")
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
            out.append(Diagnostic(sev, d.code, _s(d.file), d.line, d.column, _s(d.message)))
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


class Figure:
    """A spec that displays itself in Jupyter (SVG and PNG) and saves."""

    def __init__(self, spec, scale=2, name=None):
        self.spec, self.scale, self.name = spec, scale, name

    def svg(self, **kw):
        return render(self.spec, format="svg", name=self.name, **kw)

    def png(self, scale=None, **kw):
        return render(self.spec, format="png", scale=scale or self.scale, name=self.name, **kw)

    def pdf(self, **kw):
        return render(self.spec, format="pdf", name=self.name, **kw)

    def save(self, path, **kw):
        kw.setdefault("name", self.name)
        return render(self.spec, path, **kw)

    def _repr_svg_(self):
        return self.svg().decode("utf-8")

    def _repr_png_(self):
        return self.png()

    def __repr__(self):
        return "<huitu.Figure %s>" % (self.spec.get("title", "") if isinstance(self.spec, dict) else "")
