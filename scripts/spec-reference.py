#!/usr/bin/env python3
"""The spec reference, generated from the key tables.

`huitu schema` writes the JSON Schema that the parser's key tables make
(every key's name, type, default and help); this turns it into the
reference a reader wants: one table per mapping (the page, each block's
content, the chart's parts), key by key.

    huitu schema | python3 scripts/spec-reference.py > docs/spec-reference.md
    huitu schema | python3 scripts/spec-reference.py --man > docs/huitu-spec.5

tests/docs_reference.sh checks that both files are what this makes from
the current binary, so a key added to a table and not to the docs fails
the tests.  Do not edit the generated files by hand.
"""
import json
import re
import sys

# Sections in reading order: (heading, $defs name, what it is).  Defs not
# named here follow in the schema's own order under "More".
ORDER = [
    ("The spec", "document", "The top level of a figure"),
    ("page", "page", None),
    ("layout", "layout", None),
    ("theme", "theme", None),
    ("Keys every block shares", "block-common", None),
]
CHART_FIRST = ["chart", "chart-data", "chart-data-format", "transform", "mark-def", "encoding", "channel"]


def type_of(p, defs):
    """A short type for a property: 'number', 'text', 'one of a, b', ..."""
    if "enum" in p:
        vals = [v for v in p["enum"] if v is not None]
        return "one of " + ", ".join("`%s`" % v for v in vals)
    if "const" in p:
        return "`%s`" % p["const"]
    if "$ref" in p:
        name = p["$ref"].split("/")[-1]
        if name in ("text",):
            return "text"
        if name == "color":
            return "colour"
        if name == "length-with-unit":
            return "length"
        return "[%s](#%s)" % (name, anchor(name))
    if "anyOf" in p:
        parts = []
        for q in p["anyOf"]:
            t = type_of(q, defs)
            if t and t not in parts and t != "null":
                parts.append(t)
        if "number" in parts and "length" in parts:  # a length is a number of px, or with a unit
            parts.remove("number")
        return " or ".join(parts)
    t = p.get("type")
    if isinstance(t, list):
        t = [x for x in t if x != "null"]
        if sorted(t) == ["boolean", "number", "string"]:
            return "text"
        return " or ".join(t)
    if t == "array":
        items = p.get("items")
        return "list" + (" of " + type_of(items, defs) if items else "")
    if t == "object":
        return "mapping"
    return t or ""


def default_of(p):
    if "default" not in p:
        return ""
    v = p["default"]
    if isinstance(v, bool):
        v = "true" if v else "false"
    return "`%s`" % v


def anchor(name):
    return re.sub(r"[^a-z0-9-]", "", name.lower())


def mapping_of(defn):
    """The mapping form of a def: itself, or the object in its anyOf (a
    text block is a string or {content, align, ...})."""
    if "properties" in defn:
        return defn
    for q in defn.get("anyOf", []):
        if "properties" in q:
            return dict(q, description=defn.get("description", ""))
    return None


def rows(defn, defs):
    defn = mapping_of(defn) or {}
    out = []
    for key, p in defn.get("properties", {}).items():
        desc = p.get("description", "")
        rng = ""
        if "minimum" in p and "maximum" in p:
            rng = " (%s to %s)" % (p["minimum"], p["maximum"])
        elif "minimum" in p:
            rng = " (at least %s)" % p["minimum"]
        elif "maximum" in p:
            rng = " (at most %s)" % p["maximum"]
        out.append((key, type_of(p, defs) + rng, default_of(p), desc))
    return out


def sections(schema):
    defs = schema["$defs"]
    # The keys every block shares: block-kpi's properties minus its type key.
    common = dict(defs["block-kpi"])
    common["properties"] = {k: v for k, v in common["properties"].items() if k != "kpi"}
    common["description"] = ("Beside a block's type key (`kpi:`, `chart:`, ...) these keys set its place in the "
                             "grid and its panel")
    defs = dict(defs, **{"block-common": common})
    done = set()
    out = []
    for head, name, what in ORDER:
        out.append((head, name, what or defs[name].get("description", ""), rows(defs[name], defs)))
        done.add(name)
    blocks = [k for k in defs if k.startswith("content-")]
    for name in blocks:
        kind = name[len("content-"):]
        d = defs[name]
        if not mapping_of(d):
            continue
        what = d.get("description", "")
        if "anyOf" in d and "properties" not in d:
            what += " (a string is the first key's value)"
        out.append(("`%s` block" % kind, name, what, rows(d, defs)))
        done.add(name)
    for name in CHART_FIRST + [k for k in defs if k not in CHART_FIRST]:
        d = defs[name]
        if name in done or not mapping_of(d) or name.startswith("block"):
            continue
        out.append((name, name, d.get("description", ""), rows(d, defs)))
        done.add(name)
    return out


def cell(s):
    return str(s).replace("|", "\\|").replace("\n", " ")


def markdown(schema):
    w = ["# Spec reference", "",
         "<!-- Generated by `huitu schema | python3 scripts/spec-reference.py` from the key tables; do not edit. -->",
         "",
         "Every key huitu reads, as the parser's key tables declare it (name, type, default, meaning); "
         "the same tables make `huitu schema`, the did-you-mean suggestions and the man page huitu-spec(5). "
         "A spec is YAML or JSON; lengths are px or take a unit (`210mm`, `12pt`, `1in`); colours are `#rgb`, "
         "`#rrggbb`, `#rrggbbaa` or CSS names. Chart blocks follow Vega-Lite "
         "(vega.github.io/vega-lite/docs); what huitu cannot draw yet is a located error, listed in "
         "docs/reference.md.", ""]
    for head, name, what, rs in sections(schema):
        w.append('<a id="%s"></a>' % anchor(name))
        w.append("## " + head)
        w.append("")
        if what:
            w.append(cell(what).rstrip(".") + ".")
            w.append("")
        w.append("| key | type | default | meaning |")
        w.append("|---|---|---|---|")
        for key, t, dflt, desc in rs:
            w.append("| `%s` | %s | %s | %s |" % (cell(key), cell(t), cell(dflt), cell(desc)))
        w.append("")
    return "\n".join(w)


def roff(s):
    s = re.sub(r"\[([^\]]*)\]\(#[^)]*\)", r"\1", s)
    s = s.replace("\\", "\\e").replace("`", "")
    return re.sub(r"^([.'])", r"\\&\1", s)


def man(schema):
    w = ['.\\" Generated by huitu schema | python3 scripts/spec-reference.py --man; do not edit.',
         '.TH HUITU-SPEC 5 "" "huitu" "File formats"',
         ".SH NAME", "huitu-spec \\- the spec language of huitu figures",
         ".SH DESCRIPTION",
         roff("A spec is YAML (or JSON) describing one figure: a page of blocks in a grid, or a standalone "
              "Vega-Lite chart. Lengths are px or take a unit (210mm, 12pt, 1in); colours are #rgb, #rrggbb, "
              "#rrggbbaa or CSS names. Every key below comes from the parser's key tables, which also make "
              "huitu schema and the suggestions for a mistyped key."),
         ".SH EXAMPLE", ".nf",
         "page: {width: 1200, lang: zh-CN}",
         "title: 苏州市低保标准",
         "blocks:",
         "  - kpi: {value: 995, unit: 元/月, label: 2019年低保标准}",
         "  - chart:",
         "      data: {url: dibao.csv}",
         "      mark: line",
         "      encoding:",
         "        x: {field: 年份, type: ordinal}",
         "        y: {field: 标准, type: quantitative}",
         ".fi"]
    for head, name, what, rs in sections(schema):
        w.append(".SH " + roff(head.replace("`", "")).upper())
        if what:
            w.append(roff(what).rstrip(".") + ".")
        for key, t, dflt, desc in rs:
            w.append(".TP")
            w.append(".B " + roff(key) + ("  (" + roff(t) + (", default " + roff(dflt) if dflt else "") + ")"
                                          if t or dflt else ""))
            w.append(roff(desc) if desc else "\\&")
    w += [".SH SEE ALSO", "huitu(1); docs/spec-reference.md and docs/reference.md in the source tree"]
    return "\n".join(w) + "\n"


def main():
    schema = json.load(sys.stdin)
    sys.stdout.write(man(schema) if "--man" in sys.argv[1:] else markdown(schema) + "\n")


if __name__ == "__main__":
    main()
