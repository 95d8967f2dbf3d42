"""The JSON Schema (specs/schema.json, from `huitu schema`) is a valid
draft 2020-12 schema, accepts every spec in specs/ and every Vega-Lite
example in tests/vl/, and rejects the bad specs it can express (unknown
keys, wrong types, bad enums, unknown encoding channels, bad marks, ...),
each at the place huitu reports.  Run with Debian's python3 and
python3-jsonschema, python3-yaml:
    eco_schema.py SCHEMA SPECDIR BADDIR [VLDIR]"""
import glob
import json
import os
import re
import sys

import jsonschema
import yaml


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML speaks YAML 1.1; huitu's parser (libyaml + its own scalar
    rules) reads yes/no/on/off as strings and 16:9 not as a base-60 number."""


Yaml12Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
                                                    "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp")]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789"))
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^(?:[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."))


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=Yaml12Loader)


# Bad specs whose problem the schema can express; each must be rejected.
MUST_REJECT = ["unknown-key", "page-key-typo", "wrong-type-width", "negative-width", "bad-enum", "theme-unknown",
               "text-wrong-type", "kpi-value-string", "kpi-missing-value", "two-block-types", "unknown-block",
               "no-block-type", "blocks-not-list", "root-not-map", "bad-color", "unsupported-params"]
# Bad charts ($defs/chart, from the chart validator's tables): the case and
# a key on the path of the schema's best error (where huitu reports it too).
MUST_REJECT_CHART = [("chart-unknown-channel", "encoding"), ("chart-bad-mark", "mark"),
                     ("chart-width-string", "width"), ("chart-params", "cornerRadius")]


# Blocks are a union discriminated by the type key: the best error
# (python3-jsonschema's best_match, as editors pick one) is at the place
# huitu reports and names the bad key, not "'text' is a required property".
MUST_NAME = [("kpi-key-typo", "/blocks/1/kpi", "'unti'"), ("block-key-typo", "/blocks/0", "'spna'"),
             ("unknown-block", "/blocks/0", "'txet'"), ("kpi-value-string", "/blocks/0/kpi/value", "'很多'"),
             ("two-block-types", "/blocks/0", "was unexpected")]


def undescribed(node, at=""):
    """Properties without a description, as paths."""
    out = []
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            out += [at + "/" + k for k, v in props.items() if not (isinstance(v, dict) and "description" in v)]
        for k, v in node.items():
            out += undescribed(v, at + "/" + k)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += undescribed(v, "%s/%d" % (at, i))
    return out


def bad_path(baddir, name):
    for ext in (".yaml", ".json"):
        if os.path.exists(os.path.join(baddir, name + ext)):
            return os.path.join(baddir, name + ext)
    return None


def walk(e):
    yield e
    for c in e.context or []:
        yield from walk(c)


def where(e):
    return "/" + "/".join(str(p) for p in e.absolute_path)


def main():
    schema_path, specdir, baddir = sys.argv[1:4]
    vldir = sys.argv[4] if len(sys.argv) > 4 else None
    def no_duplicates(pairs):
        keys = [k for k, _ in pairs]
        dup = sorted({k for k in keys if keys.count(k) > 1})
        if dup:  # two tables writing the same $defs name: one would silently win
            raise SystemExit("FAIL %s: duplicate keys %s" % (schema_path, dup))
        return dict(pairs)

    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f, object_pairs_hook=no_duplicates)
    jsonschema.Draft202012Validator.check_schema(schema)
    v = jsonschema.Draft202012Validator(schema)
    failed = 0
    specs = sorted(glob.glob(os.path.join(specdir, "*.yaml")) + glob.glob(os.path.join(specdir, "*.vl.json")))
    examples = sorted(glob.glob(os.path.join(vldir, "*.vl.json"))) if vldir else []
    for path in specs + examples:
        errors = sorted(v.iter_errors(load(path)), key=lambda e: list(e.absolute_path))
        if errors:
            failed += 1
            print("FAIL %s: the schema rejects a %s spec:" % (os.path.basename(path),
                                                              "gallery" if path in specs else "Vega-Lite example"))
            for e in errors[:5]:
                print("   at %s: %s" % (where(e), e.message[:300]))
        with open(path, encoding="utf-8") as f:
            first = f.readline()
        if path.endswith(".yaml") and "yaml-language-server: $schema=" not in first:
            print("note %s: no '# yaml-language-server: $schema=./schema.json' first line" % os.path.basename(path))
    if vldir and not examples:
        print("FAIL no Vega-Lite examples in %s" % vldir)
        failed += 1
    # The chart part is real: a standalone chart and a chart block both
    # resolve to $defs/chart, which knows the channels and marks.
    for key in ("chart", "encoding", "channel", "mark"):
        if key not in schema.get("$defs", {}):
            print("FAIL $defs/%s missing" % key)
            failed += 1
    for name, at in MUST_REJECT_CHART:
        path = bad_path(baddir, name)
        if not path:
            print("FAIL %s: missing from %s" % (name, baddir))
            failed += 1
            continue
        doc = load(path)
        if v.is_valid(doc):
            failed += 1
            print("FAIL %s: the schema accepts a chart huitu rejects" % name)
            continue
        e = jsonschema.exceptions.best_match(v.iter_errors(doc))
        # The best error, or one under it (oneOf/anyOf), names the bad key.
        if not any(at in where(c) or repr(at) in c.message for c in walk(e)):
            failed += 1
            print("FAIL %s: rejected, but not for '%s': %s at %s" % (name, at, e.message[:120], where(e)))
        else:
            print("ok   %s rejected at %s: %s" % (name, where(e), e.message[:120]))
    for name in MUST_REJECT:
        path = bad_path(baddir, name)
        if not path:
            print("FAIL %s: missing from %s" % (name, baddir))
            failed += 1
            continue
        if v.is_valid(load(path)):
            failed += 1
            print("FAIL %s: the schema accepts a spec huitu rejects" % name)
        else:
            print("ok   %s rejected: %s" % (name, next(v.iter_errors(load(path))).message[:120]))
    for name, at, key in MUST_NAME:
        path = bad_path(baddir, name)
        if not path:
            print("FAIL %s: missing from %s" % (name, baddir))
            failed += 1
            continue
        e = jsonschema.exceptions.best_match(v.iter_errors(load(path)))
        if e is None or where(e) != at or key not in e.message:
            failed += 1
            print("FAIL %s: the best error should be at %s naming %s, is %s at %s"
                  % (name, at, key, e.message[:160] if e else None, where(e) if e else "-"))
        else:
            print("ok   %s: best error at %s: %s" % (name, at, e.message[:120]))
    missing = undescribed(schema)
    if missing:
        failed += 1
        print("FAIL %d properties have no description, e.g. %s" % (len(missing), ", ".join(missing[:8])))
    else:
        print("ok   every property has a description")
    print("%d gallery specs and %d Vega-Lite examples validated, %d bad specs rejected"
          % (len(specs), len(examples), len(MUST_REJECT) + len(MUST_REJECT_CHART)))
    if not specs:
        failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
