from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from convener.accounts.models import User


class EnsureAdminTests(TestCase):
    def test_it_creates_one_administrator_with_a_random_password_once(self):
        out = StringIO()
        call_command("ensureadmin", stdout=out)
        admin = User.objects.get(is_superuser=True)
        password = out.getvalue().split("password:")[1].split()[0]
        self.assertGreaterEqual(len(password), 16)
        self.assertTrue(admin.check_password(password))
        again = StringIO()
        call_command("ensureadmin", stdout=again)
        self.assertEqual(again.getvalue(), "")
        self.assertEqual(User.objects.filter(is_superuser=True).count(), 1)

    def test_two_runs_print_different_passwords(self):
        first, second = StringIO(), StringIO()
        call_command("ensureadmin", stdout=first)
        User.objects.all().delete()
        call_command("ensureadmin", stdout=second)
        self.assertNotEqual(first.getvalue(), second.getvalue())
