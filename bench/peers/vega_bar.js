// Vega-Lite peer (vega + vega-lite in node; PNG/PDF need the canvas package).
//   node vega_bar.js FORMAT N OUTDIR   N figures in one process, ms per figure
//   node vega_bar.js FORMAT 0 OUT      one figure (cold start)
const path = require("path");
const fs = require("fs");
const vega = require("vega");
const vl = require("vega-lite");
let canvas = null;
try { canvas = require("canvas"); } catch (e) {}
const [fmt, nStr, out] = process.argv.slice(2);
const n = parseInt(nStr, 10);
if (fmt !== "svg" && !canvas) { console.error("canvas is not installed: no " + fmt); process.exit(3); }
const font = path.join(__dirname, "..", "..", "fonts", "HuituSansSC-Regular.otf");
if (canvas && fs.existsSync(font)) canvas.registerFont(font, { family: "Huitu Sans SC" });
const base = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "specs", "bar.vl.json"), "utf8"));
base.autosize = { type: "fit", contains: "padding" };
base.config = { font: "Huitu Sans SC" };
async function figure(i, file) {
  const spec = JSON.parse(JSON.stringify(base));
  spec.title = spec.title + " " + i;
  spec.data.values[0]["标准"] += i % 7;
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: "none" });
  if (fmt === "svg") {
    fs.writeFileSync(file, await view.toSVG());
  } else if (fmt === "png") {
    const c = await view.toCanvas();
    fs.writeFileSync(file, c.toBuffer("image/png"));
  } else {
    const c = await view.toCanvas(1, { type: "pdf" });
    fs.writeFileSync(file, c.toBuffer("application/pdf"));
  }
  view.finalize();
}
(async () => {
  if (n === 0) return figure(0, out);
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await figure(i, path.join(out, `vega${i}.${fmt}`));
    console.log((Number(process.hrtime.bigint() - t) / 1e6).toFixed(3));
  }
})().catch((e) => { console.error(String(e)); process.exit(1); });
