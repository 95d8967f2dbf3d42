#!/usr/bin/env python3
"""Write the scale test's data and specs: a random walk of N points as CSV
(x = 0..N-1, y with 3 decimals, the same series bench.py's scale test uses)
plus Vega-Lite specs reading it, one per mark of MARKS: a line, and points
of every marker kind (point: stroked circles of size 1, the benchmark's
default scatter; circle: filled translucent circles; square: filled
squares; triangle: filled triangles; cross: stroked crosses).

    python3 bench/gen_points.py [N=1000000] [DIR=/tmp/huitu-points]
    build/huitu render DIR/point.vl.json -o DIR/point.pdf     # time / RSS it

bench.py imports MARKS, walk() and spec() from here.
"""
import json, os, random, sys

MARKS = {
    "line": "line",
    "point": {"type": "point", "size": 1},
    "circle": {"type": "circle", "size": 4},
    "square": {"type": "square", "size": 4},
    "triangle": {"type": "point", "shape": "triangle-up", "filled": True, "size": 4},
    "cross": {"type": "point", "shape": "cross", "size": 9},
}


def walk(n):
    """The CSV rows (without header) of an n-point random walk, seed 1."""
    rnd = random.Random(1)
    y = 0.0
    rows = []
    for i in range(n):
        y += rnd.gauss(0, 1)
        rows.append("%d,%.3f\n" % (i, y))
    return rows


def spec(mark, url="pts.csv"):
    """A 1100x700 Vega-Lite chart of mark (a key of MARKS) over url's x, y."""
    return {"width": 1100, "height": 700, "data": {"url": url}, "mark": MARKS[mark],
            "encoding": {"x": {"field": "x", "type": "quantitative"},
                         "y": {"field": "y", "type": "quantitative"}}}


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
    d = sys.argv[2] if len(sys.argv) > 2 else "/tmp/huitu-points"
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "pts.csv"), "w") as f:
        f.write("x,y\n")
        f.writelines(walk(n))
    for name in MARKS:
        with open(os.path.join(d, name + ".vl.json"), "w") as f:
            json.dump(spec(name), f)
    print("wrote %d points to %s/pts.csv and %s" % (n, d, ", ".join(m + ".vl.json" for m in MARKS)))


if __name__ == "__main__":
    main()
