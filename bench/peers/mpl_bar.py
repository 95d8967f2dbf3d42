"""matplotlib peer: the benchmark's grouped bar chart at 1200x800.
   mpl_bar.py FORMAT N OUTDIR   render N figures in one process, print
                                per-figure milliseconds (one per line)
   mpl_bar.py FORMAT 0 OUT      render one figure to OUT (cold start)"""
import sys, time, os
import matplotlib
matplotlib.use("Agg")
from matplotlib import font_manager
import matplotlib.pyplot as plt

here = os.path.dirname(os.path.abspath(__file__))
font = os.path.join(here, "..", "..", "fonts", "HuituSansSC-Regular.otf")
if os.path.exists(font):
    font_manager.fontManager.addfont(font)
    matplotlib.rcParams["font.family"] = font_manager.FontProperties(fname=font).get_name()
matplotlib.rcParams["svg.fonttype"] = "path"
matplotlib.rcParams["pdf.fonttype"] = 42

cats = ["集中养育", "分散供养", "低保标准"]
y2012 = [1400, 850, 500]
y2019 = [2510, 2070, 995]

def figure(i, out):
    fig, ax = plt.subplots(figsize=(12, 8), dpi=100)
    x = range(len(cats))
    ax.bar([k - 0.2 for k in x], [v + i % 7 for v in y2012], 0.4, label="2012年", color="#4c78a8")
    ax.bar([k + 0.2 for k in x], [v + i % 5 for v in y2019], 0.4, label="2019年", color="#f58518")
    ax.set_xticks(list(x), cats)
    ax.set_ylabel("标准(元/月)")
    ax.set_title("苏州市社会救助标准(元/月) %d" % i)
    ax.legend(title="年份")
    ax.grid(axis="y", color="#e5e5e5")
    ax.set_axisbelow(True)
    fig.savefig(out)
    plt.close(fig)

fmt, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
if n == 0:
    figure(0, out)
else:
    for i in range(n):
        t = time.perf_counter()
        figure(i, os.path.join(out, "mpl%d.%s" % (i, fmt)))
        print("%.3f" % ((time.perf_counter() - t) * 1000))
