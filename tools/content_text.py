"""Collect the learner-facing prose from the bundled content files.

`iter_texts(root)` walks a content folder (see docs/content-format.md) and yields
``(relative_path, kind, text)`` for every Markdown body and every human-readable
YAML string, with Markdown syntax stripped. Identifiers (slugs, ids, enum values,
plan keys, URLs, file paths) are left out, so tools such as the spell check and
the readability report only see words a learner reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import yaml

# Keys whose values are identifiers or fixed choices, never prose; their whole subtree is skipped.
IDENTIFIER_KEYS = frozenset(
    {
        "id",
        "slug",
        "type",
        "kind",
        "next",
        "start",
        "plan_key",
        "related",
        "methods",
        "modules",
        "recordings",
        "streams",
        "participation",
        "track",
        "settings",
        "polarized_topics",
        "preparation",
        "status",
        "language",
        "licence",
        "version",
        "src",
        "captions",
        "watch_url",
    }
)

BODY = "body"

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*(?:\n|\Z)(.*)\Z", re.DOTALL)
_SLUG = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)+$")
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|mailto:|www\.)\S*$", re.IGNORECASE)
_PATH = re.compile(r"^[\w./-]*/[\w./-]*$|^[\w-]+\.(?:md|ya?ml|mp4|vtt|png|jpe?g|gif|svg|pdf)$")

_FENCE = re.compile(r"^\s*:::")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")
_TASK_BOX = re.compile(r"^\[[ xX]\]\s*")
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?[\s:|-]+\|?\s*$")
_CELL_BORDER = re.compile(r"(?<!\\)\|")  # an escaped pipe (\|) is text inside a cell

_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^>]*>")
# Bare web addresses ("ala.org/tools", "https://...") are identifiers even inside prose.
_WEB_ADDRESS = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)\S+|\b(?:[\w-]+\.)+[a-z]{2,}(?:/\S*)?\b")
_HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
# Underscores count as emphasis only at word edges, so snake_case words stay whole.
_EMPHASIS = re.compile(r"\*+|`+|(?<!\w)_+|_+(?!\w)")


def strip_inline(text: str) -> str:
    """Remove inline Markdown: images and links keep their text, emphasis and code marks go."""
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub("", text)
    text = _WEB_ADDRESS.sub("", text)
    text = _HTML_TAG.sub("", text)
    text = _EMPHASIS.sub("", text)
    text = text.replace("\\", "")
    return " ".join(text.split())


def strip_markdown(markdown: str) -> str:
    """Return plain text with one block (paragraph, list item, heading or table cell) per line."""
    blocks: list[str] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(strip_inline(" ".join(paragraph)))
            paragraph.clear()

    for raw in markdown.splitlines():
        line = _QUOTE.sub("", raw)
        if not line.strip() or _FENCE.match(line) or _RULE.match(line):
            flush()
            continue
        if line.lstrip().startswith("|"):
            flush()
            if not _TABLE_SEPARATOR.match(line):
                cells = _CELL_BORDER.split(line.strip().strip("|"))
                blocks.extend(strip_inline(cell) for cell in cells)
            continue
        if heading := _HEADING.match(line):
            flush()
            blocks.append(strip_inline(heading.group(1)))
            continue
        if item := _LIST_ITEM.match(line):
            flush()
            line = _TASK_BOX.sub("", item.group(1))
        # Anything else continues the open paragraph or list item (lines are hard-wrapped).
        paragraph.append(line.strip())
    flush()
    return "\n".join(block for block in blocks if block)


def is_identifier(value: str) -> bool:
    """True for strings that look like slugs, URLs or file paths rather than prose."""
    value = value.strip()
    return bool(_SLUG.match(value) or _URL.match(value) or _PATH.match(value))


def iter_yaml_strings(data: object, path: tuple[str, ...] = ()) -> Iterator[tuple[str, str]]:
    """Yield (dotted key path, string) for every prose string in parsed YAML."""
    if isinstance(data, dict):
        for key, value in data.items():
            if str(key) not in IDENTIFIER_KEYS:
                yield from iter_yaml_strings(value, (*path, str(key)))
    elif isinstance(data, list):
        for value in data:
            yield from iter_yaml_strings(value, path)
    elif isinstance(data, str) and data.strip() and not is_identifier(data):
        yield ".".join(path) or "value", data


def split_front_matter(text: str) -> tuple[object, str]:
    """Split a Markdown file into (parsed front matter or None, body)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return None, text
    return yaml.safe_load(match.group(1)), match.group(2)


def _load(path: Path) -> tuple[object, str]:
    text = path.read_text(encoding="utf-8")
    try:
        if path.suffix == ".md":
            return split_front_matter(text)
        return yaml.safe_load(text), ""
    except yaml.YAMLError as exc:
        raise ValueError(f"{path}: invalid YAML: {exc}") from exc


def iter_texts(root: Path) -> Iterator[tuple[Path, str, str]]:
    """Yield (path relative to root, kind, plain text) for all learner-facing prose under root.

    `kind` is "body" for a Markdown body, otherwise the dotted YAML key path of the
    string (list positions omitted), e.g. "questions.options.feedback". Missing
    folders simply yield nothing.
    """
    root = Path(root)
    if not root.is_dir():
        return
    paths = sorted(
        path
        for path in root.rglob("*")
        if path.is_file()
        and path.suffix in {".md", ".yaml", ".yml"}
        and not any(part.startswith(".") for part in path.relative_to(root).parts)
    )
    for path in paths:
        relative = path.relative_to(root)
        data, body = _load(path)
        for kind, value in iter_yaml_strings(data):
            text = strip_markdown(value)
            if text:
                yield relative, kind, text
        text = strip_markdown(body)
        if text:
            yield relative, BODY, text
