"""The base test case: named personas, as in the product brief."""

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
