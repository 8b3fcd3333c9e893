"""The bundled content in the database, and answer sets to test with."""

from convener.authoring.assessment import apply_assessment, load_assessment
from convener.authoring.importer import DEFAULT_ROOT, import_content
from convener.authoring.reader import Reader
from convener.test import BaseTestCase

from ..definition import Definition


def import_bundled() -> Definition:
    """Import the bundled course, methods, recordings and self-assessment; return the assessment."""
    import_content(DEFAULT_ROOT)
    reader = Reader()
    apply_assessment(load_assessment(reader, DEFAULT_ROOT))
    reader.raise_if_problems()
    return Definition.current()


def answers_where(definition: Definition, low=(), low_value=0) -> dict[str, int]:
    """The strongest answer to every item, but `low_value` (or the weakest option) for skills in `low`."""
    answers = {}
    for item in definition.items:
        if item.is_rating:
            answers[item.slug] = low_value if item.skill in low else 3
        else:
            points = [option.points for option in item.options]
            answers[item.slug] = points.index(min(points) if item.skill in low else max(points))
    return answers


class AssessmentTestCase(BaseTestCase):
    """Personas plus the bundled content, imported once per test class."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.definition = import_bundled()
