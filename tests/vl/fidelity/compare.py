#!/usr/bin/env python3
"""Vega-Lite fidelity: huitu's guide texts against Vega-Lite's own rendering.

For each NAME.vl.json here, NAME.svg is Vega-Lite's compiled SVG (from the
vega-lite repository's examples/compiled, BSD-3, see LICENSE).  Its visible
axis labels (X-axis / Y-axis by the group's aria-label) and legend labels
are compared with what huitu's scene holds (fid_dump), as multisets per
kind.  An example matches when every kind that Vega-Lite draws agrees.
Time axes: Vega-Lite's SVGs were rendered in US Pacific time, huitu is UTC
throughout, so a time axis may differ by the one label at each end that
the 7-8 hour shift moves in or out of the domain (at most 2 labels in the
symmetric difference); every other label must agree.

  compare.py FID_DUMP DIR [--expect N] [-v]
Prints one line per example (ok, DIFF with the differences, or REFUSED with
huitu's first message) and the counts.
With --expect N it fails when fewer than N match (a regression guard)."""
import collections, os, subprocess, sys
import xml.etree.ElementTree as ET

NS = '{http://www.w3.org/2000/svg}'


def classes(e):
    return (e.get('class') or '').split()


def text_of(t):
    parts = [t.text or ''] + [(s.text or '') for s in t.iter(NS + 'tspan')]
    return ' '.join(p for p in parts if p).strip()


def visible_texts(g, role):
    out = []
    for sub in g.iter(NS + 'g'):
        if role in classes(sub):
            for t in sub.iter(NS + 'text'):
                if t.get('opacity') == '0':
                    continue  # hidden by labelOverlap
                s = text_of(t)
                if s:
                    out.append(s)
    return out


def vega_guides(svg):
    root = ET.parse(svg).getroot()
    kinds = collections.defaultdict(list)
    temporal = set()
    for g in root.iter(NS + 'g'):
        c = classes(g)
        if 'role-axis' in c:
            aria = g.get('aria-label') or ''
            kind = 'x' if aria.startswith('X-axis') else 'y' if aria.startswith('Y-axis') else None
            labels = visible_texts(g, 'role-axis-label')
            if kind and labels:
                kinds[kind] += labels
                if 'time scale' in aria:
                    temporal.add(kind)
        elif 'role-legend' in c:
            kinds['legend'] += visible_texts(g, 'role-legend-label')
    return kinds, temporal


def huitu_guides(dump, spec):
    p = subprocess.run([dump, os.path.basename(spec)], cwd=os.path.dirname(spec) or '.',
                       capture_output=True, text=True)
    if p.returncode != 0:
        return None, (p.stderr.strip().splitlines() or ['failed'])[0]
    kinds = collections.defaultdict(list)
    for line in p.stdout.splitlines():
        k, _, t = line.partition('\t')
        kinds[k].append(t.strip())
    return kinds, None


def compare(dump, spec, svg):
    want, temporal = vega_guides(svg)
    got, err = huitu_guides(dump, spec)
    if got is None:
        return False, ['refused: ' + err]
    diffs = []
    for k in ('x', 'y', 'legend'):
        a, b = collections.Counter(want.get(k, [])), collections.Counter(got.get(k, []))
        if a == b:
            continue
        missing, extra = a - b, b - a
        n = sum(missing.values()) + sum(extra.values())
        if k in temporal and n <= 2 and sum(a.values()) > 2:
            continue
        diffs.append('%s: vega-lite %s, huitu %s' % (k, want.get(k, []), got.get(k, [])))
    return not diffs, diffs


def main():
    args = sys.argv[1:]
    verbose = '-v' in args
    expect = None
    if '--expect' in args:
        expect = int(args[args.index('--expect') + 1])
    dump, d = os.path.abspath(args[0]), args[1]
    names = sorted(f[:-len('.vl.json')] for f in os.listdir(d) if f.endswith('.vl.json'))
    ok = refused = 0
    for n in names:
        good, diffs = compare(dump, os.path.join(d, n + '.vl.json'), os.path.join(d, n + '.svg'))
        is_refused = bool(diffs) and diffs[0].startswith('refused: ')
        ok += good
        refused += is_refused
        print('%-7s %s' % ('ok' if good else 'REFUSED' if is_refused else 'DIFF', n))
        if not good and verbose:
            for line in diffs:
                print('        ' + line)
    print('%d of %d examples match Vega-Lite\'s guide labels (%d rendered, %d refused)' %
          (ok, len(names), len(names) - refused, refused))
    if expect is not None and ok < expect:
        print('fewer than the expected %d' % expect)
        sys.exit(1)


if __name__ == '__main__':
    main()
