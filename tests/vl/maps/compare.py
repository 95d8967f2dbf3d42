#!/usr/bin/env python3
"""Maps against Vega-Lite's own renderings (issue 15).

For each geo_*.vl.json here, lay it out with scene_dump and read the marks
of the SVG Vega-Lite compiled from it (geo_*.svg), then compare:

- shapes: the number of geoshape paths that draw something, and each one's
  bounding box (in data order, as both draw them), relative to the union of
  all shapes and normalised to the plot's width and height: a shape matches
  within TOL (1%); the union's size in px must match within TOL too;
- points (circle, square, point marks): their centres, relative to the
  shapes' union (or to the points' own when there are no shapes), within
  TOL of the plot size; and their count;
- rules: both ends, likewise; texts: their count.

An example matches when its counts agree and at least 98% of its shapes,
points and rules are within the tolerance.  Prints one line per example
and the total; --expect N fails when fewer than N match.
  compare.py SCENE_DUMP DIR [--expect N] [-v]
"""
import os
import re
import subprocess
import sys

TOL = 0.01
SHARE = 0.98
NUM = r"-?\d+(?:\.\d+)?(?:e-?\d+)?"


def path_bbox(d):
    xs, ys = [], []
    # absolute M/L commands (d3-geo's paths); relative arcs of points are rare here
    for m in re.finditer(r"[ML](" + NUM + r"),(" + NUM + r")", d):
        xs.append(float(m.group(1)))
        ys.append(float(m.group(2)))
    if not xs:
        return None
    return (min(xs), min(ys), max(xs), max(ys))


def read_svg(path):
    s = open(path, encoding="utf-8").read()
    out = {"shape": [], "point": [], "rule": [], "text": 0}
    # the plot: the largest view background (a repeat's or facet's cell)
    views = re.findall(r'<path class="background"[^>]*d="M0,0h(' + NUM + r")v(" + NUM + r")", s)
    out["size"] = max(((float(w), float(h)) for w, h in views), key=lambda v: v[0] * v[1], default=(1, 1))
    for g in re.finditer(r'<g class="mark-(\w+) role-mark[^"]*"[^>]*>(.*?)</g>', s, re.S):
        kind, body = g.group(1), g.group(2)
        if kind == "shape":
            n0 = len(out["shape"])
            for d in re.findall(r'<path[^>]* d="([^"]*)"', body):
                b = path_bbox(d)
                if b:
                    out["shape"].append(b)
            out.setdefault("groups", []).append(len(out["shape"]) - n0)
        elif kind == "symbol":
            for t in re.findall(r'<path[^>]*transform="translate\((' + NUM + r"),(" + NUM + r')\)"', body):
                # a place the projection has none for (outside albersUsa's
                # parts): Vega puts the symbol at 0,0, huitu leaves it out
                if (t[0], t[1]) != ("0", "0"):
                    out["point"].append((float(t[0]), float(t[1])))
        elif kind == "rule":
            for m in re.finditer(r'<line[^>]*transform="translate\((' + NUM + r"),(" + NUM + r')\)"([^>]*)>', body):
                x, y = float(m.group(1)), float(m.group(2))
                x2 = re.search(r'x2="(' + NUM + ')"', m.group(3))
                y2 = re.search(r'y2="(' + NUM + ')"', m.group(3))
                out["rule"].append((x, y, x + float(x2.group(1)) if x2 else x, y + float(y2.group(1)) if y2 else y))
        elif kind == "text":
            out["text"] += len(re.findall(r"<text", body))
    return out


def read_scene(dump, spec):
    r = subprocess.run([dump, spec], capture_output=True, text=True)
    if r.returncode != 0:
        return None, r.stderr.strip()
    out = {"shape": [], "point": [], "rule": [], "text": 0}
    for line in r.stdout.splitlines():
        f = line.split()
        if len(f) < 6:
            continue
        kind, role = f[0], f[1]
        x, y, w, h = map(float, f[2:6])
        if role == "mark.geoshape":
            if w > 0 or h > 0:
                out["shape"].append((x, y, x + w, y + h))
        elif role in ("mark.circle", "mark.point", "mark.square"):
            out["point"].append((x + w / 2, y + h / 2))
        elif role == "mark.rule":
            out["rule"].append((x, y, x + w, y + h))
        elif role == "mark.text":
            out["text"] += 1
    return out, ""


def union(boxes):
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def near(a, b, size):
    return all(abs(p - q) <= TOL * size[i % 2] for i, (p, q) in enumerate(zip(a, b)))


def rel(b, o):
    return tuple(v - o[i % 2] for i, v in enumerate(b))


def compare(ref, got):
    size = ref["size"]
    why = []
    for k in ("shape", "point", "rule"):
        if len(ref[k]) != len(got[k]):
            why.append("%d %ss, Vega-Lite %d" % (len(got[k]), k, len(ref[k])))
    if ref["text"] != got["text"]:
        why.append("%d texts, Vega-Lite %d" % (got["text"], ref["text"]))
    if why:
        return False, "; ".join(why)
    ok = total = 0
    oref = ogot = None
    # the views of a repeat or facet: one shape group each, in order
    at = 0
    for n in ref.get("groups", []):
        if not n:
            continue
        sr, sg = ref["shape"][at : at + n], got["shape"][at : at + n]
        at += n
        ur, ug = union(sr), union(sg)
        wr, wg = (ur[2] - ur[0], ur[3] - ur[1]), (ug[2] - ug[0], ug[3] - ug[1])
        if not near(wr, wg, size):
            why.append("shapes span %.0fx%.0f px, Vega-Lite %.0fx%.0f" % (wg[0], wg[1], wr[0], wr[1]))
        if oref is None:
            oref, ogot = ur[:2], ug[:2]
        for a, b in zip(sr, sg):
            total += 1
            ok += near(rel(a, ur[:2]), rel(b, ug[:2]), size)
    if oref is None and ref["point"]:
        oref, ogot = union([p + p for p in ref["point"]])[:2], union([p + p for p in got["point"]])[:2]
    for k in ("point", "rule"):
        for a, b in zip(ref[k], got[k]):  # both in data order
            total += 1
            ok += near(rel(a, oref), rel(b, ogot), size)
    if total and ok < SHARE * total:
        why.append("%d of %d marks within %.0f%%" % (ok, total, TOL * 100))
    return not why, "; ".join(why) or "%d marks within %.0f%%" % (total, TOL * 100)


def main():
    args = sys.argv[1:]
    expect = None
    verbose = "-v" in args
    if "--expect" in args:
        expect = int(args[args.index("--expect") + 1])
    dump, folder = args[0], args[1]
    # Vega-Lite's examples: the specs with a compiled SVG beside them
    names = sorted(f[:-4] for f in os.listdir(folder) if f.endswith(".svg"))
    matched = 0
    for n in names:
        got, err = read_scene(dump, os.path.join(folder, n + ".vl.json"))
        if got is None:
            print("%-28s refused: %s" % (n, err.splitlines()[0] if err else "?"))
            continue
        ok, why = compare(read_svg(os.path.join(folder, n + ".svg")), got)
        matched += ok
        if verbose or not ok:
            print("%-28s %s %s" % (n, "match" if ok else "DIFF ", why))
    print("%d of %d map examples match Vega-Lite" % (matched, len(names)))
    if expect is not None and matched < expect:
        print("FAIL: expected at least %d" % expect)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
