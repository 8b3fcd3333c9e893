"""Markdown for content: rendering with call-outs and task lists, sanitizing, and checking."""

import re
from dataclasses import dataclass
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.tasklists import tasklists_plugin

CALLOUT_KINDS = {"tip": "Tip", "note": "Note", "warning": "Warning", "example": "Example"}

# The task-list plugin writes its check box as inline HTML; it is ours, not the author's.
TASK_CHECKBOX = '<input class="task-list-item-checkbox"'

ALLOWED_TAGS = {
    "a",
    "blockquote",
    "br",
    "code",
    "div",
    "em",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "span",
    "strong",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "div": {"class", "role"},
    "span": {"class"},
    "p": {"class"},
    "li": {"class"},
    "ul": {"class"},
    "th": {"scope"},
}


def _render_callout(kind):
    def render(self, tokens, idx, options, env):
        if tokens[idx].nesting == 1:
            label = CALLOUT_KINDS[kind]
            return f'<div class="callout callout-{kind}" role="note"><p class="callout-title">{label}</p>\n'
        return "</div>\n"

    return render


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
    md.enable("table")
    for kind in CALLOUT_KINDS:
        md.use(container_plugin, name=kind, render=_render_callout(kind))
    md.use(tasklists_plugin)
    return md


def render(text: str, image_url=None) -> str:
    """Markdown to safe HTML; `image_url(src)` rewrites relative image addresses."""
    env = {}
    tokens = _parser().parse(text, env)
    if image_url:
        for token in _inline_children(tokens):
            if token.type == "image":
                src = token.attrGet("src") or ""
                if not _is_absolute(src):
                    token.attrSet("src", image_url(src))
    html = _parser().renderer.render(tokens, _parser().options, env)
    # Tables get header scope, so screen readers announce the column for each cell.
    html = re.sub(r"<th(\s[^>]*)?>", '<th scope="col">', html)
    return nh3.clean(
        html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes={"http", "https", "mailto"}
    )


@dataclass
class MarkdownProblem:
    line: int  # 1-based, within the text given
    message: str


def problems(text: str) -> list[MarkdownProblem]:
    """What an author must fix: images without alt text, top-level headings, raw HTML."""
    found = []
    tokens = _parser().parse(text)
    for token in tokens:
        line = (token.map[0] + 1) if token.map else 1
        if token.type == "heading_open" and token.tag == "h1":
            found.append(
                MarkdownProblem(line, "use '##' or deeper: the title is the page's only top-level heading")
            )
        if token.type in {"html_block"}:
            found.append(MarkdownProblem(line, "raw HTML is not allowed; use Markdown"))
        for child in token.children or []:
            if child.type == "image" and not (child.content or "").strip():
                found.append(MarkdownProblem(line, f"image '{child.attrGet('src')}' needs alternative text"))
            if child.type == "html_inline" and not child.content.startswith(TASK_CHECKBOX):
                found.append(MarkdownProblem(line, "raw HTML is not allowed; use Markdown"))
    return found


def image_sources(text: str) -> list[tuple[int, str]]:
    """Relative image paths the text refers to, with their lines."""
    found = []
    for token in _parser().parse(text):
        for child in token.children or []:
            if child.type == "image" and not _is_absolute(child.attrGet("src") or ""):
                found.append(((token.map[0] + 1) if token.map else 1, child.attrGet("src")))
    return found


def plain_text(text: str) -> str:
    """The words of the Markdown, for search and readability."""
    words = []
    for token in _parser().parse(text):
        if token.type == "inline":
            words.append("".join(_inline_words(token.children or [])))
    return "\n".join(w for w in words if w)


def _inline_words(children):
    for child in children:
        if child.type in {"softbreak", "hardbreak"}:
            yield " "
        elif child.type in {"text", "code_inline"}:
            yield child.content


def _inline_children(tokens):
    for token in tokens:
        yield from token.children or []


def _is_absolute(src: str) -> bool:
    return src.startswith(("http://", "https://", "/", "data:"))
