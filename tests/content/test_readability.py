"""Course text stays at US grade 9 or below (docs/content-format.md)."""

from tools.readability import MAX_GRADE, course_module_grades


def test_every_course_module_is_at_most_grade_9():
    courses = course_module_grades()
    modules = [(course, module) for course, found in courses.items() for module in found]
    assert modules, "no course modules found"
    too_hard = [f"{course}: {m.label} ({m.grade:.1f})" for course, m in modules if m.grade > MAX_GRADE]
    assert not too_hard, f"Module average above grade {MAX_GRADE}:\n" + "\n".join(too_hard)
