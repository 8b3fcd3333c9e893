"""Reading content files with line numbers, and reporting every problem with file, line and field."""

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Control characters other than tab and line breaks: invisible, and refused by PostgreSQL (NUL).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
NUMBERED = re.compile(r"^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)$")


@dataclass(frozen=True)
class Problem:
    path: str
    line: int | None
    message: str

    def __str__(self):
        return f"{self.path}:{self.line}: {self.message}" if self.line else f"{self.path}: {self.message}"


class ContentError(Exception):
    """The content cannot be imported; `problems` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


class LineDict(dict):
    """A YAML mapping that remembers the line of each key."""

    line = 1

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = {}


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | bool | float) or key is None:
            raise yaml.constructor.ConstructorError(
                None, None, "keys must be plain words", key_node.start_mark
            )
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key '{key}' appears twice", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.lines[key] = key_node.start_mark.line + 1
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates stay text, so a date like 2017-04-06 round-trips exactly as written.
_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def display_path(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


@dataclass
class Reader:
    """Collects problems while files are read; nothing raises until `raise_if_problems`."""

    problems: list[Problem] = field(default_factory=list)

    def problem(self, path, line, message):
        self.problems.append(Problem(display_path(Path(path)), line, message))

    def raise_if_problems(self):
        if self.problems:
            raise ContentError(self.problems)

    def read_text(self, path: Path) -> str | None:
        try:
            text = path.read_text(encoding="utf-8")
            if bad := CONTROL.search(text):
                line = text.count("\n", 0, bad.start()) + 1
                self.problem(
                    path, line, f"contains a control character (U+{ord(bad.group()):04X}); remove it"
                )
                return None
            return text
        except UnicodeDecodeError as exc:
            self.problem(path, None, f"not UTF-8 text (byte {exc.start})")
        except OSError as exc:
            self.problem(path, None, f"cannot be read: {exc.strerror}")
        return None

    def parse_yaml(self, path: Path, text: str, first_line: int = 1) -> Any:
        try:
            return yaml.load(text, Loader=_Loader)  # noqa: S506 (a SafeLoader subclass)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line = first_line + mark.line if mark else first_line
            self.problem(path, line, f"not valid YAML: {exc.problem or exc.context}")
        except yaml.YAMLError as exc:
            self.problem(path, first_line, f"not valid YAML: {exc}")
        return None

    def read_mapping(self, path: Path) -> "Fields | None":
        text = self.read_text(path)
        if text is None:
            return None
        data = self.parse_yaml(path, text)
        if not isinstance(data, LineDict):
            if data is not None or text.strip() == "":
                self.problem(path, 1, "expected a set of 'key: value' lines")
            return None
        return Fields(self, path, data)

    def read_front_matter(self, path: Path) -> "tuple[Fields, str, int] | None":
        """Split a Markdown file into its front matter and its body (and the body's first line)."""
        text = self.read_text(path)
        if text is None:
            return None
        lines = text.split("\n")
        if not lines or lines[0].rstrip() != "---":
            self.problem(path, 1, "must start with a '---' line, then the front matter, then '---'")
            return None
        try:
            end = next(i for i in range(1, len(lines)) if lines[i].rstrip() == "---")
        except StopIteration:
            self.problem(path, 1, "the front matter has no closing '---' line")
            return None
        data = self.parse_yaml(path, "\n".join(lines[1:end]), first_line=2)
        if not isinstance(data, LineDict):
            if data is not None or end == 1:
                self.problem(path, 2, "the front matter must be 'key: value' lines")
            return None
        _shift_lines(data, 1)
        return Fields(self, path, data), "\n".join(lines[end + 1 :]), end + 2


def _shift_lines(value, by):
    if isinstance(value, LineDict):
        value.line += by
        value.lines = {k: v + by for k, v in value.lines.items()}
        for item in value.values():
            _shift_lines(item, by)
    elif isinstance(value, list):
        for item in value:
            _shift_lines(item, by)


MISSING = object()


class Fields:
    """Typed access to one YAML mapping; each bad value becomes a problem at its line."""

    def __init__(self, reader: Reader, path: Path, data: LineDict, where: str = ""):
        self.reader, self.path, self.data, self.where = reader, path, data, where

    def line(self, key=None):
        return self.data.lines.get(key, self.data.line) if key is not None else self.data.line

    def name(self, key):
        return f"{self.where}{key}"

    def problem(self, key, message):
        self.reader.problem(self.path, self.line(key), message)

    def only(self, *allowed):
        for key in self.data:
            if key not in allowed:
                self.problem(key, f"unknown field '{self.name(key)}' — expected one of: {', '.join(allowed)}")

    def _get(self, key, required):
        if key not in self.data or self.data[key] is None:
            if required:
                self.problem(None, f"'{self.name(key)}' is missing")
            return MISSING
        return self.data[key]

    def text(self, key, required=True, default=""):
        value = self._get(key, required)
        if value is MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.problem(key, f"'{self.name(key)}' must be text")
            return default
        value = str(value)
        if required and not value.strip():
            self.problem(key, f"'{self.name(key)}' is empty")
        return value

    def integer(self, key, required=True, default=0, minimum=0, maximum=None):
        value = self._get(key, required)
        if value is MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(key, f"'{self.name(key)}' must be a whole number, not '{value}'")
            return default
        if value < minimum or (maximum is not None and value > maximum):
            bounds = f"between {minimum} and {maximum}" if maximum is not None else f"at least {minimum}"
            self.problem(key, f"'{self.name(key)}' must be {bounds}, not {value}")
            return default
        return value

    def number(self, key, required=True, default=0, minimum=0):
        value = self._get(key, required)
        if value is MISSING:
            return default
        if isinstance(value, bool) or not isinstance(value, int | float) or value < minimum:
            self.problem(key, f"'{self.name(key)}' must be a number of at least {minimum}, not '{value}'")
            return default
        return value

    def boolean(self, key, default):
        value = self._get(key, False)
        if value is MISSING:
            return default
        if not isinstance(value, bool):
            self.problem(key, f"'{self.name(key)}' must be true or false, not '{value}'")
            return default
        return value

    def choice(self, key, options, required=True, default=None):
        value = self._get(key, required)
        if value is MISSING:
            return default
        if value not in options:
            self.problem(key, f"unknown {self.name(key)} '{value}' — expected one of: {', '.join(options)}")
            return default
        return value

    def slug(self, key, required=True):
        value = self.text(key, required)
        if value and not SLUG.match(value):
            self.problem(
                key, f"'{self.name(key)}' must be a slug (lower-case letters, digits, hyphens): '{value}'"
            )
        return value

    def text_list(self, key, required=True, item_check=None):
        value = self._get(key, required)
        if value is MISSING:
            return []
        if not isinstance(value, list) or not all(
            isinstance(v, str | int | float) and v != "" for v in value
        ):
            self.problem(key, f"'{self.name(key)}' must be a list of text items")
            return []
        if required and not value:
            self.problem(key, f"'{self.name(key)}' needs at least one item")
        items = [str(v) for v in value]
        for item in items:
            if item_check and not item_check(item):
                self.problem(key, f"'{self.name(key)}' has an item that is not a slug: '{item}'")
        return items

    def mapping(self, key, required=True) -> "Fields | None":
        value = self._get(key, required)
        if value is MISSING:
            return None
        if not isinstance(value, LineDict):
            self.problem(key, f"'{self.name(key)}' must be a set of 'key: value' lines")
            return None
        return Fields(self.reader, self.path, value, f"{self.name(key)}.")

    def mappings(self, key, required=True) -> "list[Fields]":
        value = self._get(key, required)
        if value is MISSING:
            return []
        if not isinstance(value, list) or not all(isinstance(v, LineDict) for v in value):
            self.problem(key, f"'{self.name(key)}' must be a list of items, each with 'key: value' lines")
            return []
        if required and not value:
            self.problem(key, f"'{self.name(key)}' needs at least one item")
        return [Fields(self.reader, self.path, v, f"{self.name(key)}[{i + 1}].") for i, v in enumerate(value)]


def numbered_entries(
    reader: Reader, folder: Path, *, dirs: bool, suffix: str = ""
) -> list[tuple[int, str, Path]]:
    """Folders or files named NN-slug, in order, each as (position, slug, path)."""
    entries = []
    seen = {}
    for path in sorted(folder.iterdir()):
        if path.is_dir() != dirs or path.name.startswith("."):
            continue
        if not dirs and path.suffix != suffix:
            continue
        stem = path.name if dirs else path.stem
        match = NUMBERED.match(stem)
        if not match:
            if dirs or path.suffix == suffix:
                reader.problem(
                    path, None, "name must be a number, a hyphen and a slug, like '01-getting-started'"
                )
            continue
        position, slug = int(match.group(1)), match.group(2)
        if slug in seen:
            reader.problem(path, None, f"slug '{slug}' is used twice in this folder (also {seen[slug].name})")
            continue
        seen[slug] = path
        entries.append((position, slug, path))
    return entries
