#!/usr/bin/env python3
"""huitu benchmark: per-figure warm times, fresh-process cold times and peak
memory for huitu and, where installed, matplotlib, gnuplot and Vega-Lite
(node), on the same grouped bar chart (1200x800, CJK labels), printed as one
table with ratios.  Then a scale test (line and point charts of 250k..1M
points, PNG, SVG and PDF by default; other marker shapes with --scale-marks).

    make bench                  # installs the peers (bench/install.sh), builds, runs this
    python3 bench/bench.py [--huitu build/huitu] [-n 200] [--cold 20] [--peer-cold 5]
                           [--no-peers] [--no-scale] [--no-bar] [--scale-formats png,svg,pdf] [--markdown]
                           [--scale-marks line,point,circle,square,triangle,cross] [--scale-sizes N,N,...]

Warm: every tool is measured the same way, from whole processes: the CPU
time (user + sys, from wait4(), worker processes included) of a process
rendering N figures minus that of one rendering 1, divided by N - 1; the
minimum of 3 runs of each.  huitu: `huitu batch DIR -j 1 --force` on N
distinct copies of the chart (titles and values differ, so the text cache
does not make every figure a hit) into a fresh folder, so index.html and
the journal are written as in a real first run; batch workers are forked
processes, whose CPU wait4() counts.  Peers: N figures in one process of
their own (their per-figure scripts in peers/).
Cold: a fresh process rendering one figure, median CPU and wall time of
--cold runs (huitu) or --peer-cold runs (peers); peak RSS from wait4().
Outputs go to a temporary folder on tmpfs (/dev/shm) when there is one, so
the disk does not add noise; all numbers are from this one run."""
import argparse, json, os, shutil, statistics, struct, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FORMATS = ["png", "svg", "pdf"]


def run_rss(cmd, env=None):
    """Run cmd with wait4 for its own peak RSS.  (wall ms, maxrss KB, rc, stdout, stderr)"""
    out_f = tempfile.TemporaryFile()
    err_f = tempfile.TemporaryFile()
    t = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, stdout=out_f, stderr=err_f)
    _, status, ru = os.wait4(p.pid, 0)
    wall = (time.perf_counter() - t) * 1000
    p.returncode = os.waitstatus_to_exitcode(status)
    out_f.seek(0)
    err_f.seek(0)
    # wait4's usage includes the descendants the child reaped (batch workers).
    run_rss.cpu = (ru.ru_utime + ru.ru_stime) * 1000
    return wall, ru.ru_maxrss, p.returncode, out_f.read().decode("utf-8", "replace"), err_f.read().decode("utf-8", "replace")


def png_size(path):
    with open(path, "rb") as f:
        b = f.read(24)
    return struct.unpack(">II", b[16:24])


def fmt_ms(v):
    if v is None:
        return "—"
    return "%.2f" % v if v < 10 else "%.1f" % v if v < 100 else "%.0f" % v


class Bench:
    def __init__(self, a):
        self.a = a
        self.huitu = os.path.abspath(a.huitu)
        base = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
        self.tmp = tempfile.mkdtemp(prefix="huitu-bench-", dir=base)
        self.env = dict(os.environ, HUITU_FONT_PATH=os.path.join(ROOT, "fonts"), LANG="C.UTF-8")
        self.rows = []  # (tool, chart, fmt, warm CPU ms/figure, cold wall ms, rss MB, note, cold CPU ms)

    def cpu_per_figure(self, make_cmd, n, runs=3, fresh=None):
        """Per-figure CPU of whole processes: (CPU of n figures - CPU of 1) / (n - 1),
        the minimum of `runs` runs of each.  fresh(): called before every run (a new
        output folder).  Returns (ms per figure, peak RSS MB of the n run, error)."""
        best = {}
        rss_n = 0
        for k in (n, 1):
            for _ in range(runs):
                if fresh:
                    fresh()
                _, rss, rc, _, err = run_rss(make_cmd(k), self.env)
                if rc != 0:
                    return None, None, (err.strip().splitlines() or ["failed"])[-1][:80]
                best[k] = min(best.get(k, run_rss.cpu), run_rss.cpu)
                if k == n:
                    rss_n = max(rss_n, rss)
        return max(best[n] - best[1], 0) / (n - 1), rss_n / 1024, None

    def close(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    # ---- huitu ----
    def calibrated_spec(self):
        """bar.vl.json with width/height set so that the whole figure is 1200x800
        (Vega-Lite's width/height are the plot's; huitu does not fit yet)."""
        spec = json.load(open(os.path.join(HERE, "specs", "bar.vl.json"), encoding="utf-8"))
        spec.pop("autosize", None)
        w, h = 1200, 800
        for _ in range(3):
            spec["width"], spec["height"] = w, h
            p = os.path.join(self.tmp, "cal.vl.json")
            json.dump(spec, open(p, "w", encoding="utf-8"), ensure_ascii=False)
            rc = subprocess.call([self.huitu, "render", p, "-o", p + ".png"], env=self.env, stderr=subprocess.DEVNULL)
            if rc != 0:
                return None
            W, H = png_size(p + ".png")
            if (W, H) == (1200, 800):
                break
            w, h = w - (W - 1200), h - (H - 800)
        return spec

    def huitu_copies(self, name, text, n, vary):
        d = os.path.join(self.tmp, "in-" + name)
        # the file name's prefix (vl/info) says the spec's kind
        os.makedirs(d, exist_ok=True)
        for i in range(n):
            with open(os.path.join(d, "%s%04d%s" % (name.split("-")[0], i, ".vl.json" if name.startswith("vl") else ".yaml")), "w",
                      encoding="utf-8") as f:
                f.write(vary(text, i))
        return d

    def huitu_warm(self, d, d1, fmt, extra=()):
        """Warm CPU per figure, batch of len(d) vs batch of 1 (d1), each into a fresh
        folder; also the median of the report's in-process milliseconds (self.inproc)."""
        out = os.path.join(self.tmp, "out-" + fmt)
        rep = os.path.join(self.tmp, "rep.json")
        n = len(os.listdir(d))

        def cmd(k, report=()):
            return [self.huitu, "batch", d if k == n else d1, "-o", out, "-f", fmt, "-j", "1", "--force", "-q",
                    "--no-progress"] + list(report) + list(extra)

        warm, rss, err = self.cpu_per_figure(cmd, n, fresh=lambda: shutil.rmtree(out, ignore_errors=True))
        if err:
            return None, None, [err]
        # The report (JSON per figure) in a run of its own, so its cost is not in the CPU above.
        shutil.rmtree(out, ignore_errors=True)
        run_rss(cmd(n, ["--report", rep]), self.env)
        ms = [f["ms"] for f in json.load(open(rep))["figures"] if f["status"] == "ok"]
        ms = ms[3:] if len(ms) > 10 else ms
        self.inproc = statistics.median(ms)
        return warm, rss, None

    def huitu_throughput(self, d, fmt, jobs):
        out = os.path.join(self.tmp, "outj-" + fmt)
        wall, rss, rc, _, _ = run_rss([self.huitu, "batch", d, "-o", out, "-f", fmt, "-j", str(jobs), "--force", "-q",
                                       "--no-progress"], self.env)
        n = len([x for x in os.listdir(d)])
        return n / (wall / 1000) if rc == 0 else None

    def huitu_cold(self, spec_path, fmt, runs, extra=()):
        walls, rss, cpu = [], [], []
        for i in range(runs):
            w, r, rc, _, _ = run_rss([self.huitu, "render", spec_path, "-o", os.path.join(self.tmp, "cold." + fmt)]
                                     + list(extra), self.env)
            if rc != 0:
                return None, None, None
            walls.append(w)
            rss.append(r)
            cpu.append(run_rss.cpu)
        return statistics.median(walls), max(rss) / 1024, statistics.median(cpu)

    def bench_huitu(self):
        n = self.a.n
        charts = []
        spec = self.calibrated_spec()
        if spec is not None:
            text = json.dumps(spec, ensure_ascii=False, indent=1)

            def vary(t, i):
                s = json.loads(t)
                s["title"] = s["title"] + " %d" % i
                s["data"]["values"][0]["标准"] += i % 7
                return json.dumps(s, ensure_ascii=False, indent=1)

            charts.append(("bar chart (Vega-Lite)", "vl", text, vary))
        else:
            print("note: huitu does not render the Vega-Lite bar chart yet; benchmarking the infographic only",
                  file=sys.stderr)
        info = open(os.path.join(HERE, "specs", "bar-info.yaml"), encoding="utf-8").read()
        charts.append(("infographic page", "info", info,
                       lambda t, i: t.replace("(2012—2019)", "(2012—2019) %d" % i).replace("to: 2510", "to: %d" % (2510 + i % 9))))
        for title, key, text, vary in charts:
            d = self.huitu_copies(key, text, n, vary)
            d1 = self.huitu_copies(key + "-1", text, 1, vary)
            one = os.path.join(self.tmp, key + "-one" + (".vl.json" if key == "vl" else ".yaml"))
            open(one, "w", encoding="utf-8").write(text)
            jobs = os.cpu_count() or 1
            for fmt in FORMATS:
                warm, brss, err = self.huitu_warm(d, d1, fmt)
                cold, crss, ccpu = self.huitu_cold(one, fmt, self.a.cold)
                tput = self.huitu_throughput(d, fmt, jobs)
                note = ("batch: in-process median %s ms/figure, RSS %.0f MB; -j %d (%d worker processes): %.0f fig/s" % (
                    fmt_ms(self.inproc), brss, jobs, jobs, tput) if brss else (err or [""])[0])
                self.rows.append(("huitu", title, fmt, warm, cold, crss, note, ccpu))
                if fmt == "svg" and key == "vl":
                    # Text as <text> elements, as gnuplot writes it (the default outlines the glyphs).
                    tx = ["--svg-text", "text"]
                    warm, brss, err = self.huitu_warm(d, d1, fmt, tx)
                    cold, crss, ccpu = self.huitu_cold(one, fmt, self.a.cold, tx)
                    note = ("batch: in-process median %s ms/figure, RSS %.0f MB" % (fmt_ms(self.inproc), brss) if brss
                            else (err or [""])[0])
                    self.rows.append(("huitu --svg-text text", title, fmt, warm, cold, crss, note, ccpu))

    # ---- peers ----
    def peer(self, tool, cmd_warm, cmd_cold, fmt, n=None):
        n = n or self.a.peer_n
        out = os.path.join(self.tmp, "peer-%s-%s" % (tool, fmt))
        os.makedirs(out, exist_ok=True)
        # Per figure from whole-process CPU, as for huitu: (CPU of N - CPU of 1) / (N - 1).
        warm, _, err = self.cpu_per_figure(lambda k: cmd_warm(fmt, k, out), n)
        if err:
            self.last_cpu = None
            return None, None, None, err
        walls, rss, cpu = [], [], []
        for i in range(self.a.peer_cold):
            w, r, rc, _, err = run_rss(cmd_cold(fmt, os.path.join(out, "cold." + fmt)), self.env)
            if rc != 0:
                break
            walls.append(w)
            rss.append(r)
            cpu.append(run_rss.cpu)
        cold = statistics.median(walls) if walls else None
        self.last_cpu = statistics.median(cpu) if cpu else None
        return warm, cold, (max(rss) / 1024 if rss else None), ""

    def bench_peers(self):
        py = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
        have_mpl = subprocess.call([py, "-c", "import matplotlib"], stderr=subprocess.DEVNULL) == 0
        have_gp = shutil.which("gnuplot") is not None
        node_ok = shutil.which("node") and os.path.isdir(os.path.join(HERE, "node_modules", "vega-lite"))
        peers = []
        if have_mpl:
            s = os.path.join(HERE, "peers", "mpl_bar.py")
            peers.append(("matplotlib", lambda f, n, o, s=s: [py, s, f, str(n), o], lambda f, o, s=s: [py, s, f, "0", o]))
        else:
            print("note: matplotlib not installed (bench/install.sh installs python3-matplotlib): skipped", file=sys.stderr)
        if have_gp:
            s = os.path.join(HERE, "peers", "gnuplot_bar.sh")
            peers.append(("gnuplot", lambda f, n, o, s=s: ["sh", s, f, str(n), o], lambda f, o, s=s: ["sh", s, f, "0", o]))
        else:
            print("note: gnuplot not installed (gnuplot-nox): skipped", file=sys.stderr)
        if node_ok:
            s = os.path.join(HERE, "peers", "vega_bar.js")
            peers.append(("Vega-Lite (node)", lambda f, n, o, s=s: ["node", s, f, str(n), o], lambda f, o, s=s: ["node", s, f, "0", o]))
        else:
            print("note: vega/vega-lite not installed in bench/node_modules: skipped", file=sys.stderr)
        for tool, cw, cc in peers:
            for fmt in FORMATS:
                warm, cold, rss, note = self.peer(tool, cw, cc, fmt,
                                                  n=self.a.peer_n if tool != "gnuplot" else max(self.a.peer_n, self.a.n))
                self.rows.append((tool, "bar chart", fmt, warm, cold, rss, note, self.last_cpu if cold else None))

    # ---- scale ----
    def bench_scale(self):
        sys.path.insert(0, HERE)
        import gen_points
        res = []
        pts = os.path.join(self.tmp, "pts.csv")
        marks = self.a.scale_marks.split(",")
        # gnuplot on the same CSV, for memory (issue 19: within 1.2x of gnuplot's) and time.
        gp = os.path.join(HERE, "peers", "gnuplot_points.sh") if shutil.which("gnuplot") and not self.a.no_peers else None
        for m in marks:
            if m not in gen_points.MARKS:
                sys.exit("bench: unknown --scale-marks %s (known: %s)" % (m, ",".join(gen_points.MARKS)))
        for n in self.scale_sizes:
            # Written by a process of its own: a child's peak RSS (wait4) starts from this
            # process's at the fork, and a million rows held here made every child's at least
            # 100 MB.
            subprocess.run([sys.executable, os.path.join(HERE, "gen_points.py"), str(n), self.tmp], check=True,
                           stdout=subprocess.DEVNULL)
            for mark in marks:
                p = os.path.join(self.tmp, mark + ".vl.json")
                for fmt in self.a.scale_formats.split(","):
                    out = os.path.join(self.tmp, "scale." + fmt)
                    tools = [("huitu", [self.huitu, "render", p, "-o", out])]
                    if gp:
                        tools.append(("gnuplot", ["sh", gp, fmt, mark, pts, out]))
                    for tool, cmd in tools:
                        w, r, rc, _, err = run_rss(cmd, self.env)
                        size = os.path.getsize(out) / 1e6 if rc == 0 and os.path.exists(out) else None
                        if os.path.exists(out):
                            os.remove(out)
                        res.append((n, mark, fmt, tool, w if rc == 0 else None, r / 1024 if rc == 0 else None, size,
                                    "" if rc == 0 else (err.strip().splitlines() or ["failed"])[0][:70]))
        return res

    # ---- report ----
    def table(self, scale):
        md = self.a.markdown
        ref = {(r[2]): r for r in self.rows if r[0] == "huitu" and r[1].startswith("bar chart")}
        if not ref:
            ref = {(r[2]): r for r in self.rows if r[0] == "huitu"}
        hdr = ["tool", "chart", "format", "warm CPU ms/figure", "× huitu", "cold CPU ms", "× huitu", "cold ms (wall)",
               "peak RSS MB", "note"]
        lines = []

        def ratio(r, h, i):
            return "%.2f×" % (r[i] / h[i]) if h and r[i] and h[i] and r[0] != "huitu" else ""

        for r in self.rows:
            h = ref.get(r[2])
            lines.append([r[0], r[1], r[2], fmt_ms(r[3]), ratio(r, h, 3), fmt_ms(r[7]), ratio(r, h, 7), fmt_ms(r[4]),
                          "%.0f" % r[5] if r[5] else "—", r[6]])
        out = []
        if not lines:
            pass  # --no-bar: the scale test alone
        elif md:
            out.append("| " + " | ".join(hdr) + " |")
            out.append("|" + "---|" * len(hdr))
            for l in lines:
                out.append("| " + " | ".join(l) + " |")
        else:
            w = [max(len(str(x[i])) for x in lines + [hdr]) for i in range(len(hdr))]
            out.append("  ".join(h.ljust(w[i]) for i, h in enumerate(hdr)))
            for l in lines:
                out.append("  ".join(str(x).ljust(w[i]) for i, x in enumerate(l)))
        if scale:
            out.append("")
            out.append("scale (huitu render, Vega-Lite chart from a CSV url; gnuplot on the same CSV; "
                       "× huitu: gnuplot's number divided by huitu's):")
            if md:
                out.append("| points | mark | format | tool | wall ms | × huitu | peak RSS MB | × huitu | file MB | note |")
                out.append("|---|---|---|---|---|---|---|---|---|---|")
            ref = {}
            for n, mark, fmt, tool, w, r, size, note in scale:
                if tool == "huitu":
                    ref[(n, mark, fmt)] = (w, r)
                h = ref.get((n, mark, fmt)) if tool != "huitu" else None
                wx = "%.2f×" % (w / h[0]) if h and w and h[0] else ""
                rx = "%.2f×" % (r / h[1]) if h and r and h[1] else ""
                rs = "%.0f" % r if r else "—"
                ss = "%.1f" % size if size is not None else "—"
                if md:
                    out.append("| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (n, mark, fmt, tool, fmt_ms(w), wx, rs,
                                                                                    rx, ss, note))
                else:
                    out.append("  %8d %-8s %-4s %-8s %10s ms %6s %8s MB RSS %6s %8s MB file  %s" % (
                        n, mark, fmt, tool, fmt_ms(w), wx, rs, rx, ss, note))
        return "\n".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--huitu", default=os.path.join(ROOT, "build", "huitu"))
    ap.add_argument("-n", type=int, default=200, help="figures per warm huitu batch (default 200)")
    ap.add_argument("--peer-n", type=int, default=20, help="figures per warm peer run (default 20)")
    ap.add_argument("--cold", type=int, default=20, help="fresh huitu processes per cold time (median; default 20)")
    ap.add_argument("--peer-cold", type=int, default=5, help="fresh peer processes per cold time (default 5)")
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--no-scale", action="store_true")
    ap.add_argument("--no-bar", action="store_true", help="only the scale test (no bar chart, warm or cold)")
    ap.add_argument("--scale-formats", default="png,svg,pdf",
                    help="formats of the scale test, comma-separated (default png,svg,pdf)")
    ap.add_argument("--scale-marks", default="line,point",
                    help="marks of the scale test, comma-separated, from bench/gen_points.py's MARKS: line, point "
                         "(stroked circles), circle (filled, translucent), square, triangle, cross (default line,point)")
    ap.add_argument("--scale-sizes", default="250000,500000,1000000",
                    help="point counts of the scale test, comma-separated (default 250000,500000,1000000)")
    ap.add_argument("--markdown", action="store_true", help="print the tables in Markdown")
    a = ap.parse_args()
    if not os.access(a.huitu, os.X_OK):
        sys.exit("bench: no huitu binary at %s (build first: make build)" % a.huitu)
    b = Bench(a)
    b.scale_sizes = [int(x) for x in a.scale_sizes.split(",")]
    try:
        load = os.getloadavg()[0]
        print("huitu benchmark: %s, %d cores, load %.1f at start%s" % (
            subprocess.run([a.huitu, "--version"], capture_output=True, text=True).stdout.strip(), os.cpu_count() or 1,
            load, " (busy machine: times are inflated)" if load > (os.cpu_count() or 1) else ""), flush=True)
        if not a.no_bar:
            b.bench_huitu()
            if not a.no_peers:
                b.bench_peers()
        scale = None if a.no_scale else b.bench_scale()
        print(b.table(scale))
    finally:
        b.close()


if __name__ == "__main__":
    main()
