"""Dictionary spell check of every learner-facing text in content/.

Unknown words are either typos (fix the content) or real names and terms
(add them to content/wordlist.txt: one lower-case word per line, sorted).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import pytest
from spellchecker import SpellChecker

from tools.content_text import iter_texts

CONTENT = Path(__file__).resolve().parents[2] / "content"
WORDLIST = CONTENT / "wordlist.txt"

# Runs of letters and digits (any script, so "Café" stays whole) with apostrophes only inside;
# hyphens and other punctuation split tokens, so "go-round" is checked as "go" + "round".
TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*")


def load_wordlist(path: Path = WORDLIST) -> set[str]:
    """The project's extra words, lower-case."""
    if not path.exists():
        return set()
    return {line.strip().casefold() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


def tokens(text: str) -> Iterable[str]:
    """Words to check in text: no numbers, no single letters."""
    # NFC keeps "é" as one letter; curly apostrophes are the same mark as straight ones.
    text = unicodedata.normalize("NFC", text).replace("\u2019", "'")
    for token in TOKEN.findall(text):
        # Digits mean a number or code ("4-H", "IAP2"), not a word to spell.
        if len(token) > 1 and not any(char.isdigit() for char in token):
            yield token


def unknown_words(text: str, checker: SpellChecker, extra: set[str]) -> set[str]:
    """Lower-case words in text that neither the dictionary nor the word list knows."""
    unknown = set()
    for token in tokens(text):
        word = token.casefold()
        if word in extra or checker.known([word]):
            continue
        # A possessive is fine when its base word is ("Kaner's" needs only "kaner").
        base = word.removesuffix("'s")
        if base != word and (base in extra or checker.known([base])):
            continue
        unknown.add(base)
    return unknown


def spelling_report(
    texts: Iterable[tuple[Path, str, str]], checker: SpellChecker, extra: set[str]
) -> list[str]:
    """One "file: word, word" line per file with unknown words, sorted by file."""
    by_file: dict[str, set[str]] = {}
    for path, _kind, text in texts:
        found = unknown_words(text, checker, extra)
        if found:
            by_file.setdefault(str(path), set()).update(found)
    return [f"{path}: {', '.join(sorted(words))}" for path, words in sorted(by_file.items())]


@pytest.fixture(scope="module")
def checker() -> SpellChecker:
    return SpellChecker(language="en")


def test_content_has_no_unknown_words(checker):
    texts = list(iter_texts(CONTENT))
    assert texts, f"no content found under {CONTENT}"
    report = spelling_report(texts, checker, load_wordlist())
    assert not report, "Unknown words (fix the typo or add the word to content/wordlist.txt):\n" + "\n".join(
        report
    )


def test_checker_reports_a_misspelling(checker):
    texts = [(Path("fake.md"), "body", "The facilitater's job is to help the group talk.")]
    assert spelling_report(texts, checker, load_wordlist()) == ["fake.md: facilitater"]


def test_accented_words_are_checked_whole(checker):
    # Decomposed accents (e + combining mark) must match the composed form in the word list.
    text = "Cafe\u0301 host Rene\u0301e"
    assert unknown_words(text, checker, set()) == {"renée"}
    assert unknown_words(text, checker, {"renée"}) == set()


def test_tokens_skip_numbers_and_split_hyphens():
    assert list(tokens("A 1-2-4-All go-round at 7 p.m. in the Caf\u00e9\u2019s IAP2 room")) == [
        "All",
        "go",
        "round",
        "at",
        "in",
        "the",
        "Café's",
        "room",
    ]


def test_wordlist_is_sorted_lower_case_and_unique():
    words = WORDLIST.read_text(encoding="utf-8").splitlines()
    assert words == sorted(set(words)), "keep content/wordlist.txt sorted, one word per line, no duplicates"
    assert all(word == word.casefold() and word.strip() == word and word for word in words)
