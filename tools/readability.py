"""Report the Flesch-Kincaid grade of the course lessons and the guide sections.

Usage: python tools/readability.py [CONTENT_DIR]

Prints a Markdown table and exits with status 1 if any course module averages
above grade 9.0 (docs/content-format.md asks for grade 9 or below).
"""

from __future__ import annotations

import argparse
import sys
import warnings
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from statistics import mean

try:
    from tools.content_text import BODY, iter_texts
except ModuleNotFoundError:  # run as `python tools/readability.py`: tools/ itself is on sys.path
    from content_text import BODY, iter_texts

with warnings.catch_warnings():
    # textstat 0.7.3 imports the deprecated pkg_resources; the warning is noise for this report.
    warnings.simplefilter("ignore")
    import textstat

CONTENT = Path(__file__).resolve().parents[1] / "content"
MAX_GRADE = 9.0
# Front-matter blocks that hold the prose of scenario, check and worksheet lessons.
LESSON_PROSE_KEYS = frozenset({"scenario", "questions", "fields"})
CLOSERS = "\"')]\u201d\u2019"

HEADER = (
    f"Measured: Flesch-Kincaid grade (textstat {version('textstat')}, `textstat.flesch_kincaid_grade`) "
    "of prose only: the Markdown body of each lesson and guide section, plus the scenario, check and "
    "worksheet text in lesson front matter, with Markdown syntax stripped (titles, summaries, objectives "
    "and YAML files are not measured; headings, list items and table cells count as sentences). "
    "A module's grade is the mean of its lessons' grades; the course average is the mean over all "
    f"lessons; the guide average is the mean over sections. Check: every module average <= {MAX_GRADE}."
)


@dataclass
class Measured:
    """A graded unit: a course module (its lessons) or a guide section."""

    label: str
    grades: list[float]
    words: int

    @property
    def grade(self) -> float:
        return mean(self.grades)


def as_prose(text: str) -> str:
    """Join lines into one text, ending each unpunctuated line (heading, cell, item) as a sentence."""
    sentences = []
    for line in text.splitlines():
        line = line.strip()
        if line:
            # Without a full stop, textstat would run a heading into the next paragraph's sentence.
            sentences.append(line if line.rstrip(CLOSERS).endswith((".", "!", "?")) else line + ".")
    return " ".join(sentences)


def grade(text: str) -> float:
    """Flesch-Kincaid grade of plain text."""
    return textstat.flesch_kincaid_grade(as_prose(text))


def word_count(text: str) -> int:
    return textstat.lexicon_count(as_prose(text))


def _lessons(folder: Path) -> dict[Path, tuple[str, str]]:
    """{relative .md path: (title, measured prose)} for the Markdown files under folder."""
    titles: dict[Path, str] = {}
    prose: dict[Path, list[str]] = {}
    for path, kind, text in iter_texts(folder):
        if path.suffix != ".md":
            continue
        if kind == "title":
            titles[path] = text
        elif kind == BODY or kind.split(".", 1)[0] in LESSON_PROSE_KEYS:
            prose.setdefault(path, []).append(text)
    return {path: (titles.get(path, path.stem), "\n".join(parts)) for path, parts in sorted(prose.items())}


def _yaml_titles(folder: Path, name: str) -> dict[Path, str]:
    """{folder of each `name` YAML file: its title}."""
    return {
        folder / path.parent: text
        for path, kind, text in iter_texts(folder)
        if path.name == name and kind == "title"
    }


def course_module_grades(content: Path = CONTENT) -> dict[str, list[Measured]]:
    """{course title: [one Measured per module, in folder order]}; each lesson is graded on its own."""
    courses_dir = content / "courses"
    lessons = _lessons(courses_dir)
    course_titles = _yaml_titles(courses_dir, "course.yaml")
    module_titles = _yaml_titles(courses_dir, "module.yaml")
    courses: dict[str, list[Measured]] = {}
    for module_dir in sorted(path.parent for path in courses_dir.glob("*/*/module.yaml")):
        # Only lessons directly in the module folder: media/ may hold Markdown transcripts.
        texts = [text for path, (_, text) in lessons.items() if courses_dir / path.parent == module_dir]
        if not texts:
            continue
        course = course_titles.get(module_dir.parent, module_dir.parent.name)
        label = f"{module_dir.name[:2]} {module_titles.get(module_dir, module_dir.name)}"
        measured = Measured(label, [grade(text) for text in texts], sum(word_count(text) for text in texts))
        courses.setdefault(course, []).append(measured)
    return courses


def guide_section_grades(content: Path = CONTENT) -> list[Measured]:
    """One Measured per guide section, in file order."""
    return [
        Measured(f"{path.name[:2]} {title}", [grade(text)], word_count(text))
        for path, (title, text) in _lessons(content / "guide").items()
        if path.parent == Path()
    ]


def render(courses: dict[str, list[Measured]], guide: list[Measured]) -> str:
    """The report: header line and one Markdown table."""
    rows = [
        HEADER,
        "",
        "| Part | Module or section | Texts | Words | FK grade |",
        "|---|---|---:|---:|---:|",
    ]
    for course, modules in courses.items():
        for module in modules:
            rows.append(
                f"| {course} | {module.label} | {len(module.grades)} lessons | {module.words:,} | "
                f"{module.grade:.1f} |"
            )
        lessons = [g for module in modules for g in module.grades]
        total = sum(module.words for module in modules)
        rows.append(
            f"| {course} | **Course average** | {len(lessons)} lessons | {total:,} | "
            f"**{mean(lessons):.1f}** |"
        )
    for section in guide:
        rows.append(f"| Guide | {section.label} | 1 section | {section.words:,} | {section.grade:.1f} |")
    if guide:
        total = sum(section.words for section in guide)
        average = mean(section.grade for section in guide)
        rows.append(f"| Guide | **Guide average** | {len(guide)} sections | {total:,} | **{average:.1f}** |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", nargs="?", type=Path, default=CONTENT, help="content folder")
    args = parser.parse_args(argv)
    courses = course_module_grades(args.content)
    print(render(courses, guide_section_grades(args.content)))
    if not courses:
        print(f"No course modules found under {args.content}.", file=sys.stderr)
        return 1
    too_hard = [m for modules in courses.values() for m in modules if m.grade > MAX_GRADE]
    for module in too_hard:
        print(f"Above grade {MAX_GRADE}: {module.label} ({module.grade:.1f})", file=sys.stderr)
    return 1 if too_hard else 0


if __name__ == "__main__":
    sys.exit(main())
