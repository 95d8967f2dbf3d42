// Dev aid, not a test dependency: render each tests/vl/cjk/*.vl.json with
// Vega-Lite itself into NAME.svg next to it (the references vl.cjk compares
// huitu's scene with).  Needs vega and vega-lite from npm, e.g.
//   mkdir -p /tmp/vlnpm && cd /tmp/vlnpm && npm install vega vega-lite
//   node tests/vl/cjk/render-vl.mjs
// (ES modules ignore NODE_PATH, so the packages are resolved from
// VL_MODULES, default /tmp/vlnpm/node_modules, and imported from there.)
// Vega measures text without fonts here (its estimate), so label widths and
// wrapped layouts are approximate: compare positions, judge type by eye.
import {createRequire} from 'node:module';
import {readFileSync, readdirSync, writeFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

const modules = process.env.VL_MODULES || '/tmp/vlnpm/node_modules';
const require = createRequire(join(modules, 'noop.js'));
const vega = await import(pathToFileURL(require.resolve('vega')).href);
const vl = await import(pathToFileURL(require.resolve('vega-lite')).href);

const here = dirname(fileURLToPath(import.meta.url));
for (const f of readdirSync(here).filter((n) => n.endsWith('.vl.json')).sort()) {
  const spec = JSON.parse(readFileSync(join(here, f), 'utf8'));
  const view = new vega.View(vega.parse(vl.compile(spec).spec), {renderer: 'none'});
  const svg = await view.toSVG();
  writeFileSync(join(here, f.replace(/\.vl\.json$/, '.svg')), svg);
  console.log(`${f} -> ${svg.length} bytes`);
}
