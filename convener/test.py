"""The base test case: named personas, as in the product brief."""

from pathlib import Path

from django.test import TestCase

from convener.accounts.models import User

PASSWORD = "correct horse battery"  # noqa: S105 (test personas only)


def make_person(email, name, **fields):
    return User.objects.create_user(email, PASSWORD, display_name=name, **fields)


class BaseTestCase(TestCase):
    """Learner, facilitator, administrator and outsider, each with their own account."""

    @classmethod
    def setUpTestData(cls):
        cls.learner = make_person(
            "lee@example.org", "Lee Learner", library_type="small_rural", region="Wyoming"
        )
        cls.facilitator = make_person("fran@example.org", "Fran Facilitator", library_type="academic")
        cls.administrator = make_person(
            "ada@example.org", "Ada Administrator", is_staff=True, is_superuser=True
        )
        cls.outsider = make_person("otto@example.org", "Otto Outsider")


SAMPLE_CONTENT = Path(__file__).resolve().parent.parent / "tests" / "sample_content"


def import_sample():
    """Import the small sample course in tests/sample_content and return it."""
    from convener.authoring.importer import import_content
    from convener.courses.models import Course

    import_content(SAMPLE_CONTENT)
    return Course.objects.get(slug="sample-course")


class CourseTestCase(BaseTestCase):
    """Personas plus the sample course, imported once per test class."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.course = import_sample()

    def lesson(self, module_slug, lesson_slug):
        from convener.courses.models import Lesson

        return Lesson.objects.get(module__course=self.course, module__slug=module_slug, slug=lesson_slug)


def read_pdf(data: bytes):
    """A PDF parsed by an independent reader (pypdf), for checking what we generate."""
    import io

    import pypdf

    return pypdf.PdfReader(io.BytesIO(data))


def is_tagged(reader) -> bool:
    root = reader.trailer["/Root"]
    return bool(root.get("/MarkInfo", {}).get("/Marked")) and "/StructTreeRoot" in root
