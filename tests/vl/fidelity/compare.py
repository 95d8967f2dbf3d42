#!/usr/bin/env python3
"""Vega-Lite fidelity: huitu's scene against Vega-Lite's own rendering.

For each NAME.vl.json here, NAME.svg is Vega-Lite's compiled SVG (from the
vega-lite repository's examples/compiled, BSD-3, see LICENSE).  Two things
are compared with huitu's scene (as fid_dump prints it):

labels  Visible axis labels (X-axis / Y-axis by the group's aria-label;
        labels Vega hid for overlap have opacity 0 and are skipped) and
        legend labels, as multisets per kind: every kind Vega-Lite draws
        must agree.  Time axes: the SVGs were rendered in US Pacific time
        and huitu is UTC on every machine, so a time axis may differ by the
        one label at each end the shift moves in or out of the domain (at
        most 2 labels in the symmetric difference).
marks   Per plot (Vega's cell groups, huitu's plot boxes, paired in reading
        order) and per Vega mark group (rect, symbol, line, area, rule, arc,
        text, shape):
          count     the same number of items;
          geometry  each Vega item paired with the nearest huitu item, their
                    bounds normalised to the plot box (0..1 across its width
                    and height) agree within TOL = 2% at every edge (text:
                    the anchor point, its text equal);
          colour    the paired items' paint (fill, else stroke) agrees within
                    4/255 per channel; huitu's ink #1f2933 counts as Vega's
                    black (text and rules: its typography, not a mapping);
          ticks     axis labels of the same text in both sit at the same
                    place along their axis, within TOL (single plots only:
                    a facet's shared axes sit outside its cells).
        Sizes are huitu's own (fonts 13 px, not 10), only positions
        relative to the plot are compared.

An example matches when both agree.

  compare.py FID_DUMP DIR [--expect-labels N] [--expect N] [-v]
Prints one line per example (ok, DIFF with the aspects that differ, or
REFUSED with huitu's first message) and the counts.  --expect-labels N and
--expect N fail when fewer than N examples agree on labels, or match (both)."""
import bisect, collections, math, os, re, subprocess, sys
import xml.etree.ElementTree as ET

NS = '{http://www.w3.org/2000/svg}'
TOL = 0.02          # of the plot's width or height
COLOR_TOL = 4       # per 8-bit channel
# A line or area with gaps is one Vega path of several subpaths and may be
# several huitu paths: both are compared subpath by subpath.
SPLIT_KINDS = ('line', 'area', 'trail')
MARK_KINDS = ('rect', 'symbol', 'line', 'area', 'rule', 'arc', 'text', 'shape', 'trail', 'image')

# The colour names Vega-Lite's examples use (CSS values).
NAMED = {'white': 'ffffff', 'black': '000000', 'steelblue': '4682b4', 'red': 'ff0000',
         'goldenrod': 'daa520', 'firebrick': 'b22222', 'lightsteelblue': 'b0c4de',
         'green': '008000', 'blue': '0000ff', 'yellow': 'ffff00', 'purple': '800080',
         'magenta': 'ff00ff', 'brown': 'a52a2a', 'orange': 'ffa500', 'aliceblue': 'f0f8ff',
         'gray': '808080', 'grey': '808080', 'lightgray': 'd3d3d3', 'darkgray': 'a9a9a9'}


def rgb(paint):
    """(r, g, b) of an SVG paint, None for none/unknown."""
    if not paint or paint in ('none', 'transparent'):
        return None
    p = paint.strip().lower()
    if p in NAMED:
        p = '#' + NAMED[p]
    m = re.match(r'rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)', p)
    if m:
        return tuple(int(round(float(v))) for v in m.groups())
    if p.startswith('#') and len(p) == 4:
        p = '#' + ''.join(c * 2 for c in p[1:])
    if p.startswith('#') and len(p) == 7:
        return tuple(int(p[i:i + 2], 16) for i in (1, 3, 5))
    return None


# ---- SVG geometry ----

def classes(e):
    return (e.get('class') or '').split()


def translate(e):
    """The leading translate(x,y) of an element's transform (Vega writes
    groups and items as translate, then maybe rotate for text)."""
    m = re.match(r'\s*translate\(\s*([-\d.e]+)[ ,]*([-\d.e]*)\s*\)', e.get('transform') or '')
    if not m:
        return 0.0, 0.0
    return float(m.group(1)), float(m.group(2) or 0)


NUM = re.compile(r'[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?')


def arc_points(x0, y0, rx, ry, phi, large, sweep, x1, y1):
    """Points along an SVG elliptical arc (endpoint parametrisation, SVG
    1.1 appendix F.6), 16 steps."""
    if rx == 0 or ry == 0 or (x0 == x1 and y0 == y1):
        return [(x1, y1)]
    rx, ry, c, s = abs(rx), abs(ry), math.cos(math.radians(phi)), math.sin(math.radians(phi))
    dx, dy = (x0 - x1) / 2, (y0 - y1) / 2
    xp, yp = c * dx + s * dy, -s * dx + c * dy
    lam = xp * xp / (rx * rx) + yp * yp / (ry * ry)
    if lam > 1:
        rx, ry = rx * math.sqrt(lam), ry * math.sqrt(lam)
    num = rx * rx * ry * ry - rx * rx * yp * yp - ry * ry * xp * xp
    k = math.sqrt(max(0.0, num / (rx * rx * yp * yp + ry * ry * xp * xp)))
    if large == sweep:
        k = -k
    cxp, cyp = k * rx * yp / ry, -k * ry * xp / rx
    cx, cy = c * cxp - s * cyp + (x0 + x1) / 2, s * cxp + c * cyp + (y0 + y1) / 2
    t0 = math.atan2((yp - cyp) / ry, (xp - cxp) / rx)
    t1 = math.atan2((-yp - cyp) / ry, (-xp - cxp) / rx)
    dt = t1 - t0
    if sweep and dt < 0:
        dt += 2 * math.pi
    elif not sweep and dt > 0:
        dt -= 2 * math.pi
    out = []
    for i in range(1, 17):
        t = t0 + dt * i / 16
        out.append((cx + rx * math.cos(t) * c - ry * math.sin(t) * s,
                    cy + rx * math.cos(t) * s + ry * math.sin(t) * c))
    return out


def path_points(d):
    """Points along an SVG path: its vertices, Béziers and arcs sampled."""
    toks = re.findall(r'[MmLlHhVvCcSsQqTtAaZz]|' + NUM.pattern, d or '')
    pts, i, cmd = [], 0, None
    x = y = sx = sy = 0.0
    lastc = None

    def nums(n):
        nonlocal i
        v = [float(t) for t in toks[i:i + n]]
        i += n
        return v

    def cubic(x0, y0, c1x, c1y, c2x, c2y, x1, y1):
        for k in range(1, 17):
            t = k / 16
            u = 1 - t
            pts.append((u ** 3 * x0 + 3 * u * u * t * c1x + 3 * u * t * t * c2x + t ** 3 * x1,
                        u ** 3 * y0 + 3 * u * u * t * c1y + 3 * u * t * t * c2y + t ** 3 * y1))

    while i < len(toks):
        if re.match(r'[A-Za-z]', toks[i]):
            cmd = toks[i]
            i += 1
            if cmd in 'Zz':
                x, y = sx, sy
                continue
        if cmd is None or i >= len(toks):
            break
        rel = cmd.islower()
        c = cmd.upper()
        ox, oy = (x, y) if rel else (0.0, 0.0)
        if c == 'M':
            a, b = nums(2)
            x, y = ox + a, oy + b
            sx, sy = x, y
            pts.append((x, y))
            cmd = 'l' if rel else 'L'
        elif c == 'L' or c == 'T':
            a, b = nums(2)
            x, y = ox + a, oy + b
            pts.append((x, y))
        elif c == 'H':
            (a,) = nums(1)
            x = (x if rel else 0.0) + a
            pts.append((x, y))
        elif c == 'V':
            (b,) = nums(1)
            y = (y if rel else 0.0) + b
            pts.append((x, y))
        elif c == 'C':
            v = nums(6)
            c1x, c1y, c2x, c2y, ex, ey = ox + v[0], oy + v[1], ox + v[2], oy + v[3], ox + v[4], oy + v[5]
            cubic(x, y, c1x, c1y, c2x, c2y, ex, ey)
            lastc = (c2x, c2y)
            x, y = ex, ey
        elif c == 'S':
            v = nums(4)
            c1x, c1y = (2 * x - lastc[0], 2 * y - lastc[1]) if lastc else (x, y)
            c2x, c2y, ex, ey = ox + v[0], oy + v[1], ox + v[2], oy + v[3]
            cubic(x, y, c1x, c1y, c2x, c2y, ex, ey)
            lastc = (c2x, c2y)
            x, y = ex, ey
        elif c == 'Q':
            v = nums(4)
            qx, qy, ex, ey = ox + v[0], oy + v[1], ox + v[2], oy + v[3]
            cubic(x, y, x + 2 / 3 * (qx - x), y + 2 / 3 * (qy - y),
                  ex + 2 / 3 * (qx - ex), ey + 2 / 3 * (qy - ey), ex, ey)
            x, y = ex, ey
        elif c == 'A':
            v = nums(7)
            ex, ey = ox + v[5], oy + v[6]
            pts.extend(arc_points(x, y, v[0], v[1], v[2], int(v[3]), int(v[4]), ex, ey))
            x, y = ex, ey
        else:
            break
        if c not in 'CS':
            lastc = None
    return pts


def bounds(pts):
    if not pts:
        return None
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return (min(xs), min(ys), max(xs), max(ys))


def text_of(t):
    parts = [t.text or ''] + [(s.text or '') for s in t.iter(NS + 'tspan')]
    return ' '.join(p for p in parts if p).strip()


def font_px(e):
    m = re.match(r'([\d.]+)', e.get('font-size') or '')
    return float(m.group(1)) if m else 10.0


def anchor_of(t):
    return t.get('text-anchor') or 'start'


# ---- reading Vega-Lite's SVG ----

class Cell:
    def __init__(self, x, y, w, h):
        self.x, self.y, self.w, self.h = x, y, w, h
        self.marks = collections.defaultdict(list)   # kind -> [Mark]
        self.labels = collections.defaultdict(list)  # 'x'/'y' -> [(text, pos)]

    def norm(self, b):
        return ((b[0] - self.x) / self.w, (b[1] - self.y) / self.h,
                (b[2] - self.x) / self.w, (b[3] - self.y) / self.h)


class Mark:
    """One drawn item: bounds (x0, y0, x1, y1) in page px, paint, text."""
    def __init__(self, b, paint, text=None):
        self.b, self.paint, self.text = b, paint, text


def background_size(g):
    """w, h of a group item's background path (M0,0hWvH...)."""
    for p in g.findall(NS + 'path'):
        if 'background' in classes(p):
            m = re.match(r'M[-\d.]+,[-\d.]+h([-\d.e]+)v([-\d.e]+)', p.get('d') or '')
            if m:
                return float(m.group(1)), float(m.group(2))
    return 0.0, 0.0


def vega_item(e, ox, oy, kind):
    tx, ty = translate(e)
    x, y = ox + tx, oy + ty
    paint = e.get('fill') if e.get('fill') not in (None, 'none') else e.get('stroke')
    if e.tag == NS + 'line':
        x1, y1 = float(e.get('x1') or 0), float(e.get('y1') or 0)
        x2, y2 = float(e.get('x2') or 0), float(e.get('y2') or 0)
        return Mark((x + min(x1, x2), y + min(y1, y2), x + max(x1, x2), y + max(y1, y2)), e.get('stroke'))
    if e.tag == NS + 'text':
        return Mark((x, y, x, y), e.get('fill'), (text_of(e), anchor_of(e), font_px(e)))
    if e.tag == NS + 'path' and kind in SPLIT_KINDS:
        out = []
        for sub in re.split(r'(?=[Mm])', e.get('d') or ''):
            b = bounds(path_points(sub))
            # a lone defined point between gaps ("M x,y Z") draws nothing
            if b is not None and (b[0], b[1]) != (b[2], b[3]):
                out.append(Mark((x + b[0], y + b[1], x + b[2], y + b[3]), paint))
        return out
    if e.tag == NS + 'path':
        b = bounds(path_points(e.get('d')))
        if b is None:
            return None
        return Mark((x + b[0], y + b[1], x + b[2], y + b[3]), paint)
    if e.tag == NS + 'rect':
        w, h = float(e.get('width') or 0), float(e.get('height') or 0)
        x += float(e.get('x') or 0)
        y += float(e.get('y') or 0)
        return Mark((x, y, x + w, y + h), paint)
    return None


def empty_rect(e):
    """A rect item of no width and no height, which paints nothing: an
    interval selection's brush at its initial, empty state ("M0,0h0v0h0Z";
    huitu draws no brush), not a mark to count."""
    if e.tag == NS + 'path':
        b = bounds(path_points(e.get('d')))
        return b is not None and b[0] == b[2] and b[1] == b[3]
    if e.tag == NS + 'rect':
        return float(e.get('width') or 0) == 0 and float(e.get('height') or 0) == 0
    return False


def visible_labels(g, role, ox, oy):
    """(text, x, y, font px) of each label Vega shows (opacity 0: hidden by
    labelOverlap) under group g, whose origin is ox, oy."""
    out = []

    def walk(e, x, y, inside):
        tx, ty = translate(e)
        x, y = x + tx, y + ty
        if e.tag == NS + 'g' and role in classes(e):
            inside = True
        if e.tag == NS + 'text':
            if inside and e.get('opacity') != '0' and text_of(e):
                out.append((text_of(e), x, y, font_px(e)))
            return
        for k in e:
            walk(k, x, y, inside)

    for k in g:
        walk(k, ox, oy, False)
    return out


def read_vega(svg):
    """The cells (plots, in document order) and guide labels of a
    Vega-Lite SVG: (cells, labels by kind, kinds on a time scale)."""
    root = ET.parse(svg).getroot()
    cells, labels, temporal = [], collections.defaultdict(list), set()

    def walk(e, ox, oy, cell, parent_classes):
        c = classes(e)
        if e.tag == NS + 'g' and 'role-axis' in c and 'mark-group' in c:
            aria = e.get('aria-label') or ''
            kind = 'x' if aria.startswith('X-axis') else 'y' if aria.startswith('Y-axis') else None
            found = visible_labels(e, 'role-axis-label', ox, oy)
            if kind and found:
                labels[kind] += [t for t, _, _, _ in found]
                if 'time scale' in aria:
                    temporal.add(kind)
                if cell is not None:
                    for t, x, y, fpx in found:
                        # a y label's baseline sits about 0.3 em below its middle
                        cell.labels[kind].append((t, (x - cell.x) / cell.w if kind == 'x'
                                                  else (y - 0.3 * fpx - cell.y) / cell.h))
            return
        if e.tag == NS + 'g' and 'role-legend' in c and 'mark-group' in c:
            labels['legend'] += [t for t, _, _, _ in visible_labels(e, 'role-legend-label', ox, oy)]
            return
        mark_kind = next((k[5:] for k in c if k.startswith('mark-')), None)
        if e.tag == NS + 'g' and 'role-mark' in c and mark_kind in MARK_KINDS:
            for item in e:
                if mark_kind == 'rect' and empty_rect(item):
                    continue
                m = vega_item(item, ox, oy, mark_kind)
                if m is not None and cell is not None:
                    cell.marks[mark_kind] += m if isinstance(m, list) else [m]
            return
        tx, ty = translate(e)
        x, y = ox + tx, oy + ty
        if e.tag == NS + 'g' and ('role-frame' in parent_classes or 'role-scope' in parent_classes) \
                and 'mark-group' in parent_classes:
            w, h = background_size(e)
            # a group inside a plot is a series (Vega's pathgroup, a layer's
            # scope), not another plot
            if w > 0 and h > 0 and cell is None:
                cell = Cell(x, y, w, h)
                cells.append(cell)
        for k in e:
            walk(k, x, y, cell, c)

    walk(root, 0.0, 0.0, None, [])
    return [cl for cl in cells if cl.marks or cl.labels], labels, temporal


# ---- reading huitu's scene (fid_dump) ----

def read_huitu(dump, spec):
    """(cells, labels by kind) of huitu's scene, or (None, message)."""
    p = subprocess.run([dump, os.path.basename(spec)], cwd=os.path.dirname(spec) or '.',
                       capture_output=True, text=True)
    if p.returncode != 0:
        return None, (p.stderr.strip().splitlines() or ['failed'])[0]
    cells, labels, cell = [], collections.defaultdict(list), None
    for line in p.stdout.splitlines():
        f = line.split('\t')
        if f[0] == 'plot':
            cell = Cell(*[float(v) for v in f[1].split()])
            cells.append(cell)
        elif f[0] == 'label':
            kind, (x, y), text = f[1], [float(v) for v in f[2].split()], f[3].strip()
            labels[kind].append(text)
            if cell is not None and kind in ('x', 'y'):
                cell.labels[kind].append((text, (x - cell.x) / cell.w if kind == 'x' else (y - cell.y) / cell.h))
        elif f[0] == 'mark' and cell is not None:
            b = tuple(float(v) for v in f[2].split())
            paint = f[3] if f[3] != 'none' else f[4]
            text = f[5].strip() if f[1] == 'text' else None
            cell.marks[f[1]].append(Mark(b, paint, text))
    return (cells, labels), None


# ---- comparing ----

def compare_labels(want, temporal, got):
    diffs = []
    for k in ('x', 'y', 'legend'):
        a, b = collections.Counter(want.get(k, [])), collections.Counter(got.get(k, []))
        if a == b:
            continue
        missing, extra = a - b, b - a
        n = sum(missing.values()) + sum(extra.values())
        if k in temporal and n <= 2 and sum(a.values()) > 2:
            continue
        diffs.append('labels %s: vega-lite %s, huitu %s' % (k, want.get(k, []), got.get(k, [])))
    return diffs


def text_point(m, cell, huitu, anchor):
    """Normalised anchor point of a text mark: Vega's is its anchor x and
    middle (its baseline sits 0.3 em below the middle); huitu's the same
    point of its box (left, centre or right edge by Vega's text-anchor)."""
    if huitu:
        b = m.b
        x = b[0] if anchor == 'start' else b[2] if anchor == 'end' else (b[0] + b[2]) / 2
        return (x - cell.x) / cell.w, ((b[1] + b[3]) / 2 - cell.y) / cell.h
    text, _, fpx = m.text
    return (m.b[0] - cell.x) / cell.w, (m.b[1] - 0.3 * fpx - cell.y) / cell.h


def pair(vega, huitu, key):
    """Pairs each Vega item with the nearest unpaired huitu item (key: the
    normalised tuple compared; distance: the largest coordinate difference).
    Returns [(vega_item, huitu_item, distance)]."""
    hk = sorted(((key(h, True), i) for i, h in enumerate(huitu)), key=lambda t: t[0][0])
    xs = [k[0][0] for k in hk]
    used = [False] * len(hk)
    out = []
    for v in vega:
        vk = key(v, False)
        best, bi = None, None
        lo = bisect.bisect_left(xs, vk[0] - 4 * TOL)
        hi = bisect.bisect_right(xs, vk[0] + 4 * TOL)
        for rng in (range(lo, hi), range(len(hk))):
            for j in rng:
                if used[j]:
                    continue
                d = max(abs(a - b) for a, b in zip(vk, hk[j][0]))
                if best is None or d < best:
                    best, bi = d, j
            if best is not None and best <= TOL:
                break
        if bi is None:
            continue
        used[bi] = True
        out.append((v, huitu[hk[bi][1]], best))
    return out


INK = ((0, 0, 0), (0x1f, 0x29, 0x33))  # Vega's black text and rules; huitu's ink


def close_colors(a, b):
    ca, cb = rgb(a), rgb(b)
    if (ca, cb) == INK:
        return True
    if ca is None or cb is None:
        return ca is None and cb is None or a == b
    return max(abs(x - y) for x, y in zip(ca, cb)) <= COLOR_TOL


def compare_cell(vc, hc, single):
    """The aspects of one plot that differ: [(aspect, message)]."""
    diffs = []
    for kind in sorted(set(vc.marks) | set(hc.marks)):
        v, h = vc.marks.get(kind, []), hc.marks.get(kind, [])
        if len(v) != len(h):
            diffs.append(('count', '%s: vega-lite %d, huitu %d' % (kind, len(v), len(h))))
            continue
        if kind == 'text':
            if collections.Counter(m.text[0] for m in v) != collections.Counter(m.text for m in h):
                diffs.append(('geometry', 'text: vega-lite %s, huitu %s' %
                              (sorted(m.text[0] for m in v)[:8], sorted(m.text for m in h)[:8])))
                continue

            anchor = v[0].text[1] if v else 'middle'

            def key(m, huitu):
                return text_point(m, hc if huitu else vc, huitu, anchor)
        else:
            def key(m, huitu):
                return (hc if huitu else vc).norm(m.b)
        pairs = pair(v, h, key)
        off = [(d, a, b) for a, b, d in pairs if d > TOL]
        if off:
            d, a, b = max(off, key=lambda t: t[0])
            diffs.append(('geometry', '%s: %d of %d off by up to %.3f (vega-lite %s, huitu %s)' % (
                kind, len(off), len(v), d, fmt(key(a, False)), fmt(key(b, True)))))
        bad = [(a, b) for a, b, d in pairs if not close_colors(a.paint, b.paint)]
        if bad:
            a, b = bad[0]
            diffs.append(('colour', '%s: %d of %d (vega-lite %s, huitu %s)' % (kind, len(bad), len(v), a.paint, b.paint)))
    if single:
        for axis in ('x', 'y'):
            hpos = collections.defaultdict(list)
            for t, p in hc.labels.get(axis, []):
                hpos[t].append(p)
            worst = None
            for t, p in vc.labels.get(axis, []):
                if hpos.get(t):
                    q = min(hpos[t], key=lambda q: abs(q - p))
                    if abs(q - p) > TOL and (worst is None or abs(q - p) > worst[0]):
                        worst = (abs(q - p), t, p, q)
            if worst:
                diffs.append(('ticks', '%s label %r at %.3f, huitu %.3f' % (axis, worst[1], worst[2], worst[3])))
    return diffs


def fmt(t):
    return '(' + ' '.join('%.3f' % v for v in t) + ')'


def reading_order(cells):
    """Rows top to bottom, each left to right.  A row is the cells whose
    tops lie within half a cell's height of its first cell's: columns of a
    concat need not align (a column of wider axis labels or legends pushes
    its plots a few px lower), and sorting by y alone interleaves them."""
    rows = []
    for c in sorted(cells, key=lambda c: (c.y, c.x)):
        if rows and c.y - rows[-1][0].y < 0.5 * min(c.h, rows[-1][0].h):
            rows[-1].append(c)
        else:
            rows.append([c])
    return [c for row in rows for c in sorted(row, key=lambda c: c.x)]


def compare_marks(vcells, hcells):
    if len(vcells) != len(hcells):
        return [('cells', 'plots: vega-lite %d, huitu %d' % (len(vcells), len(hcells)))]
    diffs = []
    for i, (vc, hc) in enumerate(zip(reading_order(vcells), reading_order(hcells))):
        for aspect, msg in compare_cell(vc, hc, len(vcells) == 1):
            diffs.append((aspect, msg if len(vcells) == 1 else 'plot %d: %s' % (i + 1, msg)))
    return diffs


class Result:
    """One example's outcome: refused (huitu's message), or the label and
    mark differences (empty lists: that part agrees)."""
    def __init__(self, refused=None, labels=(), marks=()):
        self.refused, self.labels, self.marks = refused, list(labels), list(marks)

    @property
    def ok(self):
        return not self.refused and not self.labels and not self.marks

    def status(self):
        if self.refused:
            return 'REFUSED'
        if self.ok:
            return 'ok'
        return 'DIFF ' + ','.join(['labels'] * bool(self.labels) +
                                  sorted(set(a for a, _ in self.marks)))

    def details(self):
        if self.refused:
            return ['refused: ' + self.refused]
        return self.labels + ['%s %s' % m for m in self.marks]


def compare(dump, spec, svg):
    vcells, vlabels, temporal = read_vega(svg)
    got, err = read_huitu(dump, spec)
    if got is None:
        return Result(refused=err)
    hcells, hlabels = got
    return Result(labels=compare_labels(vlabels, temporal, hlabels), marks=compare_marks(vcells, hcells))


def run(dump, examples, verbose, out=sys.stdout):
    """Compares each (name, spec, svg) and prints a line each and the
    totals; returns the counts (labels agree, marks agree, both, rendered, all)."""
    n = ok_labels = ok_marks = ok = refused = 0
    for name, spec, svg in examples:
        r = compare(dump, spec, svg)
        n += 1
        refused += bool(r.refused)
        if not r.refused:
            ok_labels += not r.labels
            ok_marks += not r.marks
            ok += r.ok
        print('%-7s %s%s' % ('ok' if r.ok else r.status().split()[0], name,
                              '' if r.ok or r.refused else '  (' + r.status()[5:] + ')'), file=out)
        if verbose and not r.ok:
            for line in r.details():
                print('        ' + line, file=out)
    rendered = n - refused
    print('%d of %d rendered examples match Vega-Lite (labels %d, marks %d); %d of %d refused' %
          (ok, rendered, ok_labels, ok_marks, refused, n), file=out)
    return ok_labels, ok_marks, ok, rendered, n


def main():
    args = sys.argv[1:]
    verbose = '-v' in args
    args = [a for a in args if a != '-v']
    expect = {}
    for k in ('--expect', '--expect-labels'):
        if k in args:
            i = args.index(k)
            expect[k] = int(args[i + 1])
            del args[i:i + 2]
    dump, d = os.path.abspath(args[0]), args[1]
    names = sorted(f[:-len('.vl.json')] for f in os.listdir(d) if f.endswith('.vl.json'))
    if len(args) > 2:
        names = [n for n in names if n in args[2:]]
    ok_labels, _, ok, _, _ = run(dump, [(n, os.path.join(d, n + '.vl.json'), os.path.join(d, n + '.svg'))
                                        for n in names], verbose)
    failed = False
    if ok_labels < expect.get('--expect-labels', 0):
        print('labels: fewer than the expected %d' % expect['--expect-labels'])
        failed = True
    if ok < expect.get('--expect', 0):
        print('match: fewer than the expected %d' % expect['--expect'])
        failed = True
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
