"""The JSON Schema (specs/schema.json, from `huitu schema`) is a valid
draft 2020-12 schema, accepts every spec in specs/ and rejects the bad
specs it can express (unknown keys, wrong types, bad enums, ...).  Run with
Debian's python3 and python3-jsonschema, python3-yaml:
    eco_schema.py SCHEMA SPECDIR BADDIR"""
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


def main():
    schema_path, specdir, baddir = sys.argv[1:4]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    v = jsonschema.Draft202012Validator(schema)
    failed = 0
    specs = sorted(glob.glob(os.path.join(specdir, "*.yaml")) + glob.glob(os.path.join(specdir, "*.vl.json")))
    for path in specs:
        errors = sorted(v.iter_errors(load(path)), key=lambda e: list(e.absolute_path))
        if errors:
            failed += 1
            print("FAIL %s: the schema rejects a gallery spec:" % os.path.basename(path))
            for e in errors[:5]:
                print("   at /%s: %s" % ("/".join(str(p) for p in e.absolute_path), e.message[:300]))
        with open(path, encoding="utf-8") as f:
            first = f.readline()
        if path.endswith(".yaml") and "yaml-language-server: $schema=" not in first:
            print("note %s: no '# yaml-language-server: $schema=./schema.json' first line" % os.path.basename(path))
    for name in MUST_REJECT:
        path = os.path.join(baddir, name + ".yaml")
        if not os.path.exists(path):
            print("FAIL %s: missing from %s" % (name, baddir))
            failed += 1
            continue
        if v.is_valid(load(path)):
            failed += 1
            print("FAIL %s: the schema accepts a spec huitu rejects" % name)
        else:
            print("ok   %s rejected: %s" % (name, next(v.iter_errors(load(path))).message[:120]))
    print("%d gallery specs validated, %d bad specs rejected" % (len(specs), len(MUST_REJECT)))
    if not specs:
        failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
