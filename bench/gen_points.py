#!/usr/bin/env python3
"""Write the scale test's data and specs: a random walk of N points as CSV
(x = 0..N-1, y with 3 decimals, the same series bench.py's scale test uses)
plus a line and a point Vega-Lite spec reading it.

    python3 bench/gen_points.py [N=1000000] [DIR=/tmp/huitu-points]
    build/huitu render DIR/line.vl.json -o DIR/line.png      # time / RSS it
"""
import json, os, random, sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
d = sys.argv[2] if len(sys.argv) > 2 else "/tmp/huitu-points"
os.makedirs(d, exist_ok=True)
rnd = random.Random(1)
y = 0.0
with open(os.path.join(d, "pts.csv"), "w") as f:
    f.write("x,y\n")
    for i in range(n):
        y += rnd.gauss(0, 1)
        f.write("%d,%.3f\n" % (i, y))
for mark in ("line", "point"):
    spec = {"width": 1100, "height": 700, "data": {"url": "pts.csv"},
            "mark": {"type": mark, "size": 1} if mark == "point" else mark,
            "encoding": {"x": {"field": "x", "type": "quantitative"},
                         "y": {"field": "y", "type": "quantitative"}}}
    with open(os.path.join(d, mark + ".vl.json"), "w") as f:
        json.dump(spec, f)
print("wrote %d points to %s/pts.csv and line.vl.json, point.vl.json" % (n, d))
