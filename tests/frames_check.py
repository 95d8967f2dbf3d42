#!/usr/bin/env python3
"""Checks every page made for a frame (issue 14) the way a reader sees it.

For each spec with a frame -- a 16:9 slide, a phone long image, a printed
page (A4, A3, A5, letter), or any page of fixed height -- it renders the
spec and checks:

  text      no text below the frame's floor, read from the `--svg-text text`
            SVG (slide 22 px, phone 24 px, print 7 pt at the printed size),
            and on a phone body text (paragraphs, labels of key numbers,
            table cells) at 28 px or more;
  fits      a fixed page renders at its own size, every text inside it;
  baseline  key numbers side by side (kpi, progress, pictogram values, a
            compare block's numbers) share one baseline within 1 px;
  band      no empty horizontal band inside the margins of a fixed page
            taller than BAND_LIMIT of the page's height, measured on the
            PNG (BAND_LIMIT_ALIGNED when no block can grow: then
            layout.align spaces the rows on purpose).

    frames_check.py --huitu HUITU --probe FRAMES_PROBE --out DIR SPEC_OR_DIR...

Exit 0 when every check holds, 1 otherwise (each failure printed with the
spec's name and the numbers).  Specs without a frame are skipped.  Pure
Python (PNG decoded with zlib); PyYAML is used when present, else the page
line is read with a pattern.
"""
import argparse
import os
import re
import struct
import subprocess
import sys
import zlib

BAND_LIMIT = 0.15  # of a fixed page's height, when a block can take spare height
BAND_LIMIT_ALIGNED = 0.25  # when nothing can: layout.align places the rows, the gaps are meant
GROWING = ("chart", "image", "spacer", "group")  # block kinds that take a fixed page's spare height
BASELINE_TOL = 1.0  # px
FLOORS = {"slide": 22.0, "phone": 24.0, "print": 7 * 96 / 72.0}
PHONE_BODY = 28.0
PRINT_SIZES = ("a4", "a3", "a5", "letter")
# roles set in the type scale's body size (layout/*.c)
BODY_ROLES = {"text", "kpi.label", "table.cell", "progress.label", "pictogram.label", "compare.label",
              "compare.item.label", "callout.text"}
NUMBER_ROLES = {"kpi.value", "progress.value", "pictogram.value", "compare.to.value"}


# ---- the spec's frame -------------------------------------------------------

def can_grow(blocks):
    """Whether a block can take a fixed page's spare height (page.c
    layout_block_grow): charts, images, spacers, groups, vertical text, a
    grow: weight."""
    for b in blocks if isinstance(blocks, list) else []:
        if not isinstance(b, dict):
            continue
        g = b.get("grow")
        if isinstance(g, (int, float)) and not isinstance(g, bool):
            if g > 0:
                return True
            continue
        if any(k in b for k in GROWING) or b.get("writing") == "vertical":
            return True
    return False


def spec_page(path):
    """(page mapping, theme value) of a spec, as far as the frame needs;
    the page mapping gets the layout's padding as "padding", and "grows":
    whether a block can take spare height (True when unknown)."""
    text = open(path, encoding="utf-8").read()
    try:
        import yaml  # noqa: PLC0415
        doc = yaml.safe_load(text)
        if isinstance(doc, dict):
            page = dict(doc.get("page")) if isinstance(doc.get("page"), dict) else {}
            lay = doc.get("layout") if isinstance(doc.get("layout"), dict) else {}
            if "padding" in lay:
                page["padding"] = lay["padding"]
            page["grows"] = can_grow(doc.get("blocks"))
            return page, doc.get("theme")
        return {}, None
    except ImportError:
        pass
    except Exception:  # a spec huitu itself must reject: render reports it
        return {}, None
    page = {}
    m = re.search(r"^page:\s*\{(.*)\}\s*$", text, re.M)
    if m:
        for k, v in re.findall(r"(\w+):\s*(\"[^\"]*\"|'[^']*'|[^,}]+)", m.group(1)):
            page[k] = v.strip().strip("\"'")
    lay = re.search(r"^layout:.*\bpadding:\s*([0-9.]+\w*)", text, re.M)
    if lay:
        page["padding"] = lay.group(1)
    t = re.search(r"^theme:\s*(\{.*\}|\S+)", text, re.M)
    theme = None
    if t:
        theme = t.group(1)
        b = re.search(r"base:\s*(\w+)", theme)
        theme = b.group(1) if b else theme
    return page, theme


def frame_of(page, theme):
    """(frame, fixed): the frame as model/doc.c page_frame_of picks it."""
    size = str(page.get("size", "none")).lower()
    base = theme.get("base") if isinstance(theme, dict) else theme
    if size == "16:9":
        frame = "slide"
    elif size == "phone":
        frame = "phone"
    elif size in PRINT_SIZES:
        frame = "print"
    else:
        frame = "slide" if base == "slide" else "report"
    height = page.get("height")
    if height is None:
        fixed = size not in ("none", "phone")
    else:
        fixed = str(height).strip().lower() != "auto"
    return frame, fixed


# ---- PNG --------------------------------------------------------------------

def png_rows(path):
    """(width, height, rows): each row a list of (r, g, b, a) pixels."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, plte, trns = 8, [], None, None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
        elif kind == b"PLTE":
            plte = body
        elif kind == b"tRNS":
            trns = body
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + n
    if interlace:
        raise ValueError("interlaced PNG")
    chans = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[ctype]
    bpp = max(1, chans * depth // 8)
    stride = (w * chans * depth + 7) // 8
    raw = zlib.decompress(b"".join(idat))
    prev = bytearray(stride)
    rows = []
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif f == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif f == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif f == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pr) & 255
        prev = line
        rows.append(decode_row(line, w, ctype, depth, plte, trns))
    return w, h, rows


def decode_row(line, w, ctype, depth, plte, trns):
    if ctype == 3:
        per = 8 // depth
        idx = [(line[x // per] >> (8 - depth * (x % per + 1))) & ((1 << depth) - 1) for x in range(w)]
        return [(plte[3 * i], plte[3 * i + 1], plte[3 * i + 2], trns[i] if trns and i < len(trns) else 255)
                for i in idx]
    if depth != 8:
        raise ValueError("only 8-bit truecolour or grey PNGs")
    if ctype == 2:
        return [(line[3 * x], line[3 * x + 1], line[3 * x + 2], 255) for x in range(w)]
    if ctype == 6:
        return [tuple(line[4 * x:4 * x + 4]) for x in range(w)]
    if ctype == 0:
        return [(v, v, v, 255) for v in line[:w]]
    return [(line[2 * x], line[2 * x], line[2 * x], line[2 * x + 1]) for x in range(w)]


def largest_band(rows, lo=0, hi=None):
    """The tallest run of rows lo..hi-1 (the page inside its margins) in
    which every pixel is the page's background (its top-left pixel), give
    or take 8 levels.  Returns (height, first row)."""
    bg = rows[0][0]
    hi = len(rows) if hi is None else min(hi, len(rows))

    def blank(row):
        return all(abs(p[0] - bg[0]) <= 8 and abs(p[1] - bg[1]) <= 8 and abs(p[2] - bg[2]) <= 8 for p in row)

    best, at, run = 0, lo, 0
    for y in range(max(lo, 0), hi):
        run = run + 1 if blank(rows[y]) else 0
        if run > best:
            best, at = run, y - run + 1
    return best, at


def px(v, default):
    """A spec length in px (a number, or with px, mm, cm, pt, in)."""
    if isinstance(v, (int, float)):
        return float(v)
    m = re.match(r"^\s*([0-9.]+)\s*(px|mm|cm|pt|in)?\s*$", str(v or ""))
    if not m:
        return default
    return float(m.group(1)) * {"px": 1, None: 1, "mm": 96 / 25.4, "cm": 96 / 2.54, "pt": 96 / 72.0,
                                "in": 96}[m.group(2)]


# ---- the checks -------------------------------------------------------------

def svg_sizes(svg):
    return [float(v) for v in re.findall(r'<(?:text|tspan)\b[^>]*\bfont-size="([0-9.]+)"', svg)]


def probe_items(text):
    page, items = None, []
    for line in text.splitlines():
        if line.startswith("page "):
            page = tuple(float(v) for v in line.split()[1:3])
        elif line.startswith("text "):
            head, _, quoted = line.partition(' "')
            f = head.split()
            items.append({"role": f[1], "min": float(f[2]), "max": float(f[3]), "x": float(f[4]), "y": float(f[5]),
                          "w": float(f[6]), "h": float(f[7]), "base": float(f[8]), "text": quoted[:-1]})
    return page, items


def number_rows(items):
    """Key numbers grouped into rows: boxes that overlap vertically."""
    nums = sorted((i for i in items if i["role"] in NUMBER_ROLES), key=lambda i: i["y"])
    rows = []
    for it in nums:
        if rows and it["y"] < max(o["y"] + o["h"] for o in rows[-1]) - 1:
            rows[-1].append(it)
        else:
            rows.append([it])
    return [r for r in rows if len(r) > 1]


def check_spec(path, args, fails):
    name = os.path.basename(path)
    page, theme = spec_page(path)
    frame, fixed = frame_of(page, theme)
    if frame == "report" and not fixed:
        return None
    base = os.path.join(args.out, re.sub(r"\.(yaml|yml|json)$", "", name))

    def fail(what):
        fails.append("%s: %s" % (name, what))

    shrink = str(page.get("overflow", "")).lower() == "shrink"
    run = subprocess.run([args.huitu, "render", path, "-q", "--svg-text", "text", "-o", base + ".svg"],
                         capture_output=True, text=True)
    if run.returncode != 0:
        fail("fits: render failed: " + run.stderr.strip().replace("\n", " | "))
        return frame
    probe = subprocess.run([args.probe, path], capture_output=True, text=True)
    if probe.returncode != 0:
        fail("probe failed: " + probe.stderr.strip())
        return frame
    (pw, ph), items = probe_items(probe.stdout)
    # text: the floor, from the SVG a slide program would edit
    floor = FLOORS.get(frame)
    sizes = svg_sizes(open(base + ".svg", encoding="utf-8").read())
    if not sizes:
        fail("text: no <text> in the SVG")
    elif floor and not shrink and min(sizes) < floor - 0.01:
        small = sorted({i["role"] for i in items if i["min"] < floor - 0.01})
        fail("text: %.2f px under the %s floor of %.2f px (%s)" % (min(sizes), frame, floor, ", ".join(small)))
    if frame == "phone" and not shrink:
        body = [i for i in items if i["role"] in BODY_ROLES and i["min"] < PHONE_BODY - 0.01]
        for i in body[:5]:
            fail("text: phone body text %s '%s' at %.2f px, under %.0f" % (i["role"], i["text"][:20], i["min"],
                                                                            PHONE_BODY))
    # fits: every text inside a fixed page
    if fixed:
        out = [i for i in items if i["y"] + i["h"] > ph + 0.5 or i["x"] + i["w"] > pw + 0.5 or i["y"] < -0.5]
        for i in out[:5]:
            fail("fits: %s '%s' at %.0f,%.0f+%.0fx%.0f leaves the %.0fx%.0f page" % (
                i["role"], i["text"][:20], i["x"], i["y"], i["w"], i["h"], pw, ph))
    # baseline: key numbers of a row
    for row in number_rows(items):
        bl = [i["base"] for i in row]
        if max(bl) - min(bl) > BASELINE_TOL:
            fail("baseline: %s differ by %.1f px" % (
                ", ".join("%s %s@%.1f" % (i["role"], i["text"], i["base"]) for i in row), max(bl) - min(bl)))
    # band: the PNG of a fixed page
    if fixed:
        scale = args.scale
        run = subprocess.run([args.huitu, "render", path, "-q", "--scale", str(scale), "-o", base + ".png"],
                             capture_output=True, text=True)
        if run.returncode != 0:
            fail("band: PNG render failed: " + run.stderr.strip())
            return frame
        w, h, rows = png_rows(base + ".png")
        if abs(w - round(pw * scale)) > 1 or abs(h - round(ph * scale)) > 1:
            fail("fits: the PNG is %dx%d, the page %.0fx%.0f at scale %g" % (w, h, pw, ph, scale))
        margin = px(page.get("padding", page.get("margin", 48)), 48) * scale
        band, at = largest_band(rows, int(margin), int(h - margin))
        limit = BAND_LIMIT if page.get("grows", True) else BAND_LIMIT_ALIGNED
        if band > limit * h:
            fail("band: %.0f px empty from y=%.0f, %.0f%% of the page (limit %.0f%%)" % (
                band / scale, at / scale, 100.0 * band / h, 100 * limit))
        print("%s: %s%s, smallest text %.2f px, largest band %.1f%%" % (
            name, frame, " fixed" if fixed else "", min(sizes) if sizes else 0, 100.0 * band / h))
    else:
        print("%s: %s, smallest text %.2f px" % (name, frame, min(sizes) if sizes else 0))
    return frame


def expect_failures(paths, fails):
    """Each spec must fail the check its name starts with."""
    bad = 0
    for p in paths:
        name = os.path.basename(p)
        kind = name.split("-")[0]
        got = [f for f in fails if f.startswith(name + ": " + kind + ":")]
        print("%s %s: %s" % ("caught" if got else "MISSED", name, got[0] if got else "no %s failure" % kind))
        bad += not got
    return 1 if bad or not paths else 0


def encode_png(rows, filters):
    """A truecolour PNG of rows of (r, g, b), each row filtered with the
    next of filters (0-4), the way an encoder may choose them."""
    h, w = len(rows), len(rows[0])
    raw, prev = bytearray(), bytearray(3 * w)
    for y, row in enumerate(rows):
        line = bytearray(v for p in row for v in p)
        f = filters[y % len(filters)]
        out = bytearray(len(line))
        for i, v in enumerate(line):
            a = line[i - 3] if i >= 3 else 0
            b = prev[i]
            c = prev[i - 3] if i >= 3 else 0
            if f == 0:
                pr = 0
            elif f == 1:
                pr = a
            elif f == 2:
                pr = b
            elif f == 3:
                pr = (a + b) >> 1
            else:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
            out[i] = (v - pr) & 255
        raw += bytes([f]) + out
        prev = line

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xffffffff)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
            chunk(b"IDAT", zlib.compress(bytes(raw))) + chunk(b"IEND", b""))


def self_test():
    """The checks catch what they are for, on made-up pages."""
    import tempfile  # noqa: PLC0415
    ok = True

    def expect(cond, what):
        nonlocal ok
        print("%s %s" % ("ok  " if cond else "FAIL", what))
        ok = ok and cond
    # a 10-row page: ink at rows 0-1 and 8-9, rows 2-7 white: a band of 6
    white, ink = (255, 255, 255), (20, 30, 40)
    rows = [[ink if y in (0, 1, 8, 9) and x % 3 else white for x in range(7)] for y in range(10)]
    rows[0][0] = white  # the background is the top-left pixel
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "t.png")
        open(path, "wb").write(encode_png(rows, [0, 1, 2, 3, 4]))
        w, h, got = png_rows(path)
        expect((w, h) == (7, 10) and [[p[:3] for p in r] for r in got] == rows, "PNG filters 0-4 decode")
        expect(largest_band(got) == (6, 2), "an empty band of 6 rows found at row 2")
        expect(largest_band(got[:8]) == (6, 2) and largest_band(got, 3, 9) == (5, 3), "bands at the ends count")
        rows[5][3] = (250, 250, 250)  # within the tolerance: still empty
        open(path, "wb").write(encode_png(rows, [4]))
        expect(largest_band(png_rows(path)[2]) == (6, 2), "a near-white pixel leaves the band empty")
        rows[5][3] = ink
        open(path, "wb").write(encode_png(rows, [3, 1]))
        expect(largest_band(png_rows(path)[2]) == (3, 2), "one inked pixel splits the band")
    # key numbers: rows by overlap, a baseline 2 px off is caught
    probe = ("page 1920 1080\n"
             'text kpi.value 88 88 0 100 200 120 190 "995"\n'
             'text progress.value 88 88 600 100 200 120 192.5 "72.4"\n'
             'text kpi.label 28 28 0 230 200 40 260 "label"\n'
             'text kpi.value 88 88 0 400 200 120 490 "125.3"\n'
             'text kpi.value 53 53 600 420 200 80 490.5 "80"\n')
    page, items = probe_items(probe)
    rows = number_rows(items)
    expect(page == (1920.0, 1080.0) and len(items) == 5, "probe lines read")
    expect(len(rows) == 2 and [len(r) for r in rows] == [2, 2], "key numbers grouped into two rows")
    spread = [max(i["base"] for i in r) - min(i["base"] for i in r) for r in rows]
    expect(spread[0] > BASELINE_TOL and spread[1] <= BASELINE_TOL, "2.5 px apart caught, 0.5 px passes")
    # the floor, from SVG text
    svg = '<text font-size="24">a<tspan font-size="21.5">b</tspan></text><text x="1" font-size="30">c</text>'
    expect(min(svg_sizes(svg)) == 21.5 and min(svg_sizes(svg)) < FLOORS["slide"], "a 21.5 px tspan under 22 px")
    # frames as model/doc.c picks them
    expect(frame_of({"size": "16:9"}, None) == ("slide", True), "16:9: a fixed slide")
    expect(frame_of({"size": "phone"}, None) == ("phone", False), "phone: grows")
    expect(frame_of({"size": "A4", "height": "auto"}, "print") == ("print", False), "A4 with height: auto")
    expect(frame_of({"width": 900, "height": 500}, {"base": "slide"}) == ("slide", True), "theme slide, 900x500")
    expect(frame_of({}, None) == ("report", False), "no frame")
    expect(can_grow([{"kpi": {}}, {"chart": {}, "grow": 0}]) is False and can_grow([{"text": "a", "writing": "vertical"}])
           and can_grow([{"kpi": {}, "grow": 2}]), "blocks that grow")
    expect(px(64, 48) == 64 and abs(px("10mm", 48) - 37.8) < 0.01 and px("auto", 48) == 48, "lengths in px")
    return 0 if ok else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--huitu")
    ap.add_argument("--probe")
    ap.add_argument("--out")
    ap.add_argument("--scale", type=float, default=0.5, help="PNG scale for the band check")
    ap.add_argument("--expect-failures", action="store_true",
                    help="pass only when every spec fails the check its name starts with (band-*.yaml ...)")
    ap.add_argument("--self-test", action="store_true", help="check the checks on made-up pages")
    ap.add_argument("specs", nargs="*")
    args = ap.parse_args()
    if args.self_test:
        return self_test()
    if not (args.huitu and args.probe and args.out and args.specs):
        ap.error("--huitu, --probe, --out and specs are required")
    os.makedirs(args.out, exist_ok=True)
    paths = []
    for s in args.specs:
        if os.path.isdir(s):
            paths += sorted(os.path.join(s, f) for f in os.listdir(s) if f.endswith((".yaml", ".yml")))
        else:
            paths.append(s)
    fails, seen = [], 0
    for p in paths:
        if check_spec(p, args, fails):
            seen += 1
    if args.expect_failures:
        return expect_failures(paths, fails)
    for f in fails:
        print("FAIL " + f)
    print("%d specs with a frame, %d failures" % (seen, len(fails)))
    if seen == 0:
        print("FAIL no spec with a frame was checked")
        return 1
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
