"""Full-text search behind one interface: SQLite FTS5 or PostgreSQL text search.

Apps call `replace(kind, documents)` when their content changes and `search(q)`
finds across every kind, with a highlighted snippet.
"""

import re
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import SearchDocument

START, STOP = "\x02", "\x03"  # snippet markers no document contains


@dataclass
class Document:
    key: str
    title: str
    url: str
    text: str


@dataclass
class Result:
    kind: str
    title: str
    url: str
    snippet: str


@transaction.atomic
def replace(kind: str, documents: list[Document]) -> None:
    """Make `documents` the whole set of searchable pages of this kind."""
    keep = {doc.key for doc in documents}
    SearchDocument.objects.filter(kind=kind).exclude(key__in=keep).delete()
    existing = {d.key: d for d in SearchDocument.objects.filter(kind=kind)}
    for doc in documents:
        fields = {"title": doc.title, "url": doc.url, "text": doc.text}
        current = existing.get(doc.key)
        if current is None:
            SearchDocument.objects.create(kind=kind, key=doc.key, **fields)
        elif any(getattr(current, name) != value for name, value in fields.items()):
            SearchDocument.objects.filter(pk=current.pk).update(**fields)


def search(query: str, limit: int = 30) -> list[Result]:
    words = re.findall(r"\w+", query)[:12]
    if not words:
        return []
    if connection.vendor == "postgresql":
        rows = _search_postgresql(" ".join(words), limit)
    else:
        rows = _search_sqlite(words, limit)
    return [Result(kind, title, url, _highlight(snippet)) for kind, title, url, snippet in rows]


def _search_sqlite(words, limit):
    # Every word must match; the last may be the start of a word, as people type.
    match = " ".join(f'"{w}"' for w in words[:-1]) + f' "{words[-1]}"*'
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT d.kind, d.title, d.url, snippet(search_fts, 1, %s, %s, '…', 24) "
            "FROM search_fts JOIN search_searchdocument d ON d.id = search_fts.rowid "
            "WHERE search_fts MATCH %s ORDER BY bm25(search_fts, 5.0, 1.0) LIMIT %s",
            [START, STOP, match.strip(), limit],
        )
        return cursor.fetchall()


def _search_postgresql(text, limit):
    from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector

    vector = SearchVector("title", weight="A", config="english") + SearchVector(
        "text", weight="B", config="english"
    )
    query = SearchQuery(text, search_type="websearch", config="english")
    headline = SearchHeadline(
        "text",
        query,
        config="english",
        start_sel=START,
        stop_sel=STOP,
        max_words=30,
        min_words=15,
        max_fragments=1,
        fragment_delimiter="…",
    )
    return (
        SearchDocument.objects.annotate(document=vector, rank=SearchRank(vector, query), snippet=headline)
        .filter(document=query)
        .order_by("-rank", "title")
        .values_list("kind", "title", "url", "snippet")[:limit]
    )


def _highlight(snippet: str) -> str:
    return mark_safe(escape(snippet).replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308
