"""YAML files read with libyaml (PyYAML's C loader), the way srsly reads them.

srsly reads YAML with its pure-Python copy of ruamel.yaml: a quarter of a
second of CPU for the language packs, at every start of a process. PyYAML's
CSafeLoader parses in C, but resolves plain scalars by YAML 1.1 ("on", "no",
"yes" become booleans, "010" an octal number), where ruamel reads YAML 1.2
("on" is a word). This loader takes ruamel's own YAML 1.2 resolver table,
constructs integers as YAML 1.2 writes them, and refuses a key given twice
in one mapping, as ruamel does. Without libyaml, srsly reads the file.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import srsly
from srsly.ruamel_yaml.resolver import implicit_resolvers

try:
    import yaml
    from yaml import CSafeLoader
except ImportError:  # PyYAML without libyaml, or no PyYAML
    CSafeLoader = None

YAML_1_2 = (1, 2)
INT_TAG = "tag:yaml.org,2002:int"


if CSafeLoader is not None:

    class Loader(CSafeLoader):
        """CSafeLoader resolving plain scalars as YAML 1.2 (ruamel's table)."""

        yaml_implicit_resolvers: dict = {}

        def construct_mapping(self, node, deep=False):
            seen = set()
            for key, _ in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if (key.tag, key.value) in seen:
                        raise yaml.constructor.ConstructorError(
                            "while constructing a mapping", node.start_mark,
                            f"found duplicate key {key.value!r}", key.start_mark)
                    seen.add((key.tag, key.value))
            return super().construct_mapping(node, deep=deep)

    def _int(loader: Loader, node) -> int:
        """YAML 1.2 integers: 0b, 0o, 0x prefixes; a leading zero is decimal."""
        value = loader.construct_scalar(node).replace("_", "")
        sign = -1 if value.startswith("-") else 1
        value = value.lstrip("+-")
        if value[:2] in ("0b", "0x"):
            return sign * int(value, 0)
        if value[:2] == "0o":
            return sign * int(value[2:], 8)
        return sign * int(value)

    for versions, tag, regexp, first in implicit_resolvers:
        if YAML_1_2 in versions:
            Loader.add_implicit_resolver(tag, regexp, first)
    Loader.add_constructor(INT_TAG, _int)


def read_yaml(path: Path) -> Any:
    """The YAML file at `path`, as srsly.read_yaml reads it."""
    if CSafeLoader is None:
        return srsly.read_yaml(path)
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=Loader)
