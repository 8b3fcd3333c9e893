"""Report queries run together outside a transaction, and give the same figures as run in turn."""

import threading

import pytest
from django.db import transaction

from convener.lib.together import run_together
from convener.reports.forms import FilterForm
from convener.reports.tables import _compute
from convener.test import import_sample, make_person


def test_results_come_back_in_order_from_other_threads_outside_a_transaction(transactional_db):
    names = run_together([lambda n=n: (n, threading.current_thread().name) for n in range(6)])
    assert [n for n, _thread in names] == list(range(6))
    assert all(thread != threading.current_thread().name for _n, thread in names)


def test_inside_a_transaction_they_run_in_turn_on_this_connection(db):
    with transaction.atomic():
        names = run_together([lambda: threading.current_thread().name] * 3)
    assert set(names) == {threading.current_thread().name}


@pytest.mark.django_db(transaction=True)
def test_the_report_is_the_same_either_way():
    from convener.courses import actions

    course = import_sample()
    for n in range(3):
        person = make_person(f"p{n}@example.org", f"P {n}", library_type="academic", region="North")
        for lesson in course.modules.first().lessons.all()[: n + 1]:
            actions.complete_lesson(person, lesson)
    filters = FilterForm({}).filters()
    together = _compute(filters)
    with transaction.atomic():
        in_turn = _compute(filters)
    assert together["tables"] == in_turn["tables"]
    assert together["completion"] == in_turn["completion"]
    totals = together["tables"][0].rows[0]
    assert totals[1] == 3  # three new learners
