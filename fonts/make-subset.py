#!/usr/bin/python3
"""Build huitu's bundled CJK+Latin fonts (Huitu Sans SC Regular/Bold).

Subsets Debian's fonts-noto-cjk Noto Sans CJK SC (CFF, from the TTC) to
GB2312 + Latin + CJK punctuation/symbols, keeps the OpenType layout features
needed for CJK typesetting (incl. vertical), renames the family to
"Huitu Sans SC" and writes deterministic .otf files next to this script.

    python3 fonts/make-subset.py          # from the project root

Needs fontTools (Debian: python3-fonttools).  If the first python3 on PATH
(e.g. pyenv) lacks it, the script re-executes itself with /usr/bin/python3.
"""

import os
import sys

try:
    from fontTools import subset
    from fontTools.ttLib import TTFont, TTCollection
except ImportError:  # pragma: no cover - environment fallback
    if os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3") \
            and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    sys.exit("make-subset.py: fontTools not found (apt-get install python3-fonttools)")

SRC_DIR = "/usr/share/fonts/opentype/noto"
OUT_DIR = os.path.dirname(os.path.abspath(__file__))

STYLES = {
    # style: (source TTC, output file)
    "Regular": ("NotoSansCJK-Regular.ttc", "HuituSansSC-Regular.otf"),
    "Bold": ("NotoSansCJK-Bold.ttc", "HuituSansSC-Bold.otf"),
}

FAMILY = "Huitu Sans SC"
PS_FAMILY = "HuituSansSC"
SOURCE_FAMILY = "Noto Sans CJK SC"

# Characters from a Suzhou civil-affairs report that are outside GB2312.
EXTRA_CHARS = "嵘堃昇珺喆镕玥"

LAYOUT_FEATURES = [
    "locl", "vert", "vrt2", "vkna", "halt", "vhal", "palt", "vpal",
    "kern", "vkrn", "liga", "ccmp", "fwid", "hwid", "pwid",
]


def gb2312_codepoints():
    cps = set()
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                s = bytes((row, cell)).decode("gb2312")
            except UnicodeDecodeError:
                continue
            cps.update(ord(c) for c in s)
    return cps


def wanted_codepoints():
    cps = gb2312_codepoints()
    ranges = [
        (0x20, 0x7E),      # ASCII
        (0xA0, 0xFF),      # Latin-1 Supplement
        (0x2000, 0x206F),  # General Punctuation
        (0x2100, 0x218F),  # Letterlike Symbols + Number Forms
        (0x2190, 0x21FF),  # Arrows
        (0x2200, 0x22FF),  # Mathematical Operators
        (0x25A0, 0x25FF),  # Geometric Shapes
        (0x3000, 0x303F),  # CJK Symbols and Punctuation
        (0xFE10, 0xFE1F),  # Vertical Forms
        (0xFE30, 0xFE4F),  # CJK Compatibility Forms
        (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
    ]
    for lo, hi in ranges:
        cps.update(range(lo, hi + 1))
    cps.update(ord(c) for c in "×÷±·—…‰℃№™")
    cps.update(ord(c) for c in EXTRA_CHARS)
    return cps


def find_sc_index(ttc_path):
    """Index of the proportional 'Noto Sans CJK SC' face, via the name table."""
    coll = TTCollection(ttc_path, lazy=True)
    found = None
    for i, face in enumerate(coll.fonts):
        if face["name"].getDebugName(1) == SOURCE_FAMILY:
            found = i
            break
    coll.close()
    if found is None:
        sys.exit(f"make-subset.py: no '{SOURCE_FAMILY}' face in {ttc_path}")
    return found


def scripts_of(path, index):
    font = TTFont(path, fontNumber=index, lazy=True)
    recs = []
    for tag in ("GSUB", "GPOS"):
        if tag in font and font[tag].table.ScriptList:
            recs += font[tag].table.ScriptList.ScriptRecord
    seen = {}
    for sr in recs:
        seen.setdefault(sr.ScriptTag, sr)
    return list(seen.values())


def rename(font, style):
    full = f"{FAMILY} {style}"
    ps = f"{PS_FAMILY}-{style}"
    name = font["name"]
    old_version = name.getDebugName(5) or "Version 2.004"
    version = old_version.split(";")[0].strip()
    new = {
        1: FAMILY,
        2: style,
        3: f"{version.replace('Version ', '')};HUIT;{ps}",
        4: full,
        5: f"{version}; huitu subset of {SOURCE_FAMILY} {style} "
           f"(GB2312 + Latin + CJK punctuation), fonts/make-subset.py",
        6: ps,
    }
    # Typographic family/subfamily are redundant for a plain Regular/Bold
    # pair, and CJK/localized family names (Noto/思源) must go away too.
    for rec in list(name.names):
        if rec.nameID in (16, 17, 21, 22):
            name.removeNames(nameID=rec.nameID)
    for rec in name.names:
        if rec.nameID in new:
            rec.string = new[rec.nameID]
    # Make sure the Windows-English records exist.
    for nid, val in new.items():
        name.setName(val, nid, 3, 1, 0x409)
    desc = name.getName(10, 3, 1, 0x409)
    note = (f"Subset of {SOURCE_FAMILY} made for huitu (renamed to "
            f"{FAMILY}; SIL Open Font License 1.1).")
    name.setName((desc.toUnicode() + " " if desc else "") + note, 10, 3, 1, 0x409)
    name.names.sort(key=lambda r: (r.platformID, r.platEncID, r.langID, r.nameID))
    for rec in name.names:
        s = rec.toUnicode()
        if rec.nameID in (1, 2, 3, 4, 6) and ("Noto" in s or "思源" in s):
            sys.exit(f"make-subset.py: stale name record {rec.nameID}: {s}")

    # CFF (CID-keyed): font name, FullName, FamilyName, FDArray font names.
    cff = font["CFF "].cff
    old_ps = cff.fontNames[0]
    cff.fontNames[0] = ps
    top = cff.topDictIndex[0]
    top.FullName = full
    top.FamilyName = FAMILY
    top.Weight = style
    if hasattr(top, "FDArray"):
        for fd in top.FDArray:
            fn = getattr(fd, "FontName", None)
            if fn:
                fd.FontName = fn.replace(old_ps, ps)

    # Code pages: only Latin-1 (bit 0) and Chinese Simplified GB2312 (bit 18)
    # are covered now; stale JIS/Korean/Big5 bits would mislead fontconfig.
    os2 = font["OS/2"]
    os2.ulCodePageRange1 = (1 << 0) | (1 << 18)
    os2.ulCodePageRange2 = 0


def build(style, desubroutinize):
    ttc_name, out_name = STYLES[style]
    src = os.path.join(SRC_DIR, ttc_name)
    index = find_sc_index(src)

    opts = subset.Options()
    opts.font_number = index
    opts.layout_features = sorted(set(opts.layout_features) | set(LAYOUT_FEATURES))
    # Keep every script, but only its default and Simplified Chinese (ZHS)
    # language systems: the JAN/KOR/ZHT/ZHH 'locl' lookups would otherwise
    # drag in ~6000 Japanese/Korean/Traditional glyph variants (2x size)
    # that an SC-only font never shows.
    opts.layout_scripts = sorted(
        f"{sr.ScriptTag.strip()}.{lang}"
        for sr in scripts_of(src, index) for lang in ("dflt", "ZHS"))
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.name_legacy = True
    opts.glyph_names = False
    opts.hinting = False
    opts.desubroutinize = desubroutinize
    opts.notdef_outline = True
    opts.recalc_timestamp = False
    opts.prune_unicode_ranges = True
    opts.drop_tables = [t for t in opts.drop_tables if t != "BASE"]
    opts.no_subset_tables = opts.no_subset_tables + ["BASE"]
    # vhea/vmtx/VORG are subset by default; make sure none gets dropped.
    for t in ("vhea", "vmtx", "VORG"):
        assert t not in opts.drop_tables

    font = subset.load_font(src, opts, dontLoadGlyphNames=True, lazy=False)
    cmap = font.getBestCmap()
    unicodes = sorted(cp for cp in wanted_codepoints() if cp in cmap)
    sub = subset.Subsetter(options=opts)
    sub.populate(unicodes=unicodes)
    sub.subset(font)
    rename(font, style)
    for t in ("vhea", "vmtx", "VORG", "GSUB", "GPOS", "CFF "):
        assert t in font, t
    out = os.path.join(OUT_DIR, out_name)
    subset.save_font(font, out, opts)
    font.close()
    return out, len(unicodes), index


def main():
    # Keeping the CFF subroutines gives smaller files than desubroutinizing
    # (1.69 MB vs 1.71 MB for Regular); hinting is dropped either way.
    desub = "--desubroutinize" in sys.argv[1:]
    for style in STYLES:
        out, n, index = build(style, desub)
        print(f"{os.path.relpath(out)}: face #{index} '{SOURCE_FAMILY}', "
              f"{n} code points, {os.path.getsize(out)} bytes")


if __name__ == "__main__":
    main()
