#!/usr/bin/env python3
"""Vega-Lite fidelity over every inline-data example of a vega-lite checkout.

  sweep.py FID_DUMP VEGA_LITE_GIT_DIR [--out DIR] [--rev REV] [-v] [--list]

VEGA_LITE_GIT_DIR is a (bare) git directory of github.com/vega/vega-lite.
An example counts when examples/specs/NAME.vl.json names no "url" (its data
is inline: values, datasets or a generator) and examples/compiled/NAME.svg
exists.  Each is copied to DIR (a temporary folder unless --out) and
compared by compare.py (its readers and report: labels and marks).  --list only
prints the names.  Not run by ctest (it needs the vega-lite repository); the
vendored subset in this folder is what ctest checks."""
import os, subprocess, sys, tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402


def git(gitdir, *args):
    return subprocess.run(['git', '--git-dir=' + gitdir] + list(args), capture_output=True,
                          text=True, check=True).stdout


def inline_examples(gitdir, rev):
    specs = git(gitdir, 'ls-tree', '--name-only', rev, 'examples/specs/').split()
    svgs = set(git(gitdir, 'ls-tree', '--name-only', rev, 'examples/compiled/').split())
    out = []
    for p in specs:
        if not p.endswith('.vl.json'):
            continue
        name = os.path.basename(p)[:-len('.vl.json')]
        if 'examples/compiled/%s.svg' % name not in svgs:
            continue
        text = git(gitdir, 'show', '%s:%s' % (rev, p))
        if '"url"' in text:
            continue
        out.append((name, text))
    return out


def main():
    args = sys.argv[1:]
    verbose, only_list = '-v' in args, '--list' in args
    args = [a for a in args if a not in ('-v', '--list')]
    opt = {}
    for k in ('--out', '--rev'):
        if k in args:
            i = args.index(k)
            opt[k] = args[i + 1]
            del args[i:i + 2]
    rev = opt.get('--rev', 'HEAD')
    dump, gitdir = os.path.abspath(args[0]), args[1]
    examples = inline_examples(gitdir, rev)
    if only_list:
        for name, _ in examples:
            print(name)
        return
    d = opt.get('--out') or tempfile.mkdtemp(prefix='vl-sweep.')
    os.makedirs(d, exist_ok=True)

    def copies():
        for name, text in examples:
            spec, svg = os.path.join(d, name + '.vl.json'), os.path.join(d, name + '.svg')
            with open(spec, 'w') as f:
                f.write(text)
            with open(svg, 'w') as f:
                f.write(git(gitdir, 'show', '%s:examples/compiled/%s.svg' % (rev, name)))
            yield name, spec, svg

    compare.run(dump, copies(), verbose)
    print('(copies in %s)' % d)


if __name__ == '__main__':
    main()
