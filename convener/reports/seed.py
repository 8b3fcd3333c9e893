"""Realistic demonstration data, written with bulk inserts so 100,000 learners take minutes."""

import random
from datetime import timedelta

from django.db import connection, transaction
from django.db.models import Count, Max
from django.utils import timezone

from convener.accounts.models import LibraryType, Role, User
from convener.assessment.definition import Definition
from convener.assessment.models import Attempt
from convener.assessment.scoring import score
from convener.certificates.actions import identity_hash
from convener.certificates.models import Certificate, new_code
from convener.conversations.models import Conversation, Source
from convener.courses.models import (
    CheckAttempt,
    Course,
    CourseCompletion,
    Enrollment,
    Lesson,
    LessonKind,
    LessonProgress,
    ModuleCompletion,
)
from convener.methods.models import Method
from convener.recordings.models import LiveSession, Registration, Status

BATCH = 5000
REGIONS = ["North", "South", "East", "West", "Central", "Coast", "Mountains", "Plains", "Lakes", "Valley"]
FIRST = [
    "Ana",
    "Ben",
    "Chen",
    "Dana",
    "Eli",
    "Fatima",
    "Gus",
    "Hana",
    "Ivan",
    "Jo",
    "Kai",
    "Lena",
    "Mo",
    "Nia",
    "Omar",
    "Pat",
    "Quinn",
    "Rosa",
    "Sam",
    "Tariq",
    "Uma",
    "Vic",
    "Wen",
    "Xavi",
    "Yara",
    "Zed",
]
LAST = [
    "Adams",
    "Baker",
    "Cruz",
    "Diaz",
    "Evans",
    "Fox",
    "Garcia",
    "Hill",
    "Ito",
    "Jones",
    "Khan",
    "Lee",
    "Moore",
    "Nguyen",
    "Olsen",
    "Park",
    "Reyes",
    "Smith",
    "Tran",
    "Usman",
    "Vega",
    "Wong",
    "Young",
    "Zhou",
]
TYPE_WEIGHTS = {
    LibraryType.SMALL_RURAL: 35,
    LibraryType.MID_SIZED: 20,
    LibraryType.LARGE_URBAN: 15,
    LibraryType.ACADEMIC: 12,
    LibraryType.SCHOOL: 10,
    LibraryType.SPECIAL: 3,
    LibraryType.OTHER: 2,
    "": 3,
}


def _bulk(model, rows):
    """Insert as given: automatic timestamps are switched off so generated history is kept."""
    automatic = [
        f
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in automatic]
    for f in automatic:
        f.auto_now = f.auto_now_add = False
    try:
        model.objects.bulk_create(rows, batch_size=BATCH)
    finally:
        for f, now, add in saved:
            f.auto_now, f.auto_now_add = now, add


def seed(learners: int, rng: random.Random, log=print) -> dict:
    course = Course.objects.published().first()
    if course is None:
        raise RuntimeError("Import the content first (convener importcontent).")
    lessons = list(
        Lesson.objects.current()
        .filter(module__course=course)
        .select_related("module")
        .order_by("module__position", "position")
    )
    counted = [lesson for lesson in lessons if lesson.counts_for_completion]
    modules = {}
    for lesson in counted:
        modules.setdefault(lesson.module_id, []).append(lesson)
    now = timezone.now()
    start = User.objects.count()
    last_pk = User.objects.aggregate(last=Max("pk"))["last"] or 0
    types, weights = list(TYPE_WEIGHTS), list(TYPE_WEIGHTS.values())

    users = [
        User(
            email=f"learner{start + i}@demo.invalid",
            password="!",  # noqa: S106 (an unusable password: demo accounts cannot sign in)
            display_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            library_type=rng.choices(types, weights)[0],
            region=rng.choice(REGIONS),
            role=rng.choice(Role.values),
            date_joined=now - timedelta(days=rng.uniform(0, 540)),
        )
        for i in range(learners)
    ]
    with transaction.atomic():
        _bulk(User, users)
    users = list(User.objects.filter(pk__gt=last_pk).order_by("pk"))
    log(f"  {len(users)} learners")

    enrollments, progress, attempts, module_done, course_done, certificates = [], [], [], [], [], []
    for user in users:
        if rng.random() > 0.72:
            continue
        started = user.date_joined + timedelta(hours=rng.uniform(0, 72))
        enrollments.append(Enrollment(user=user, course=course, started_at=started, last_seen_at=started))
        reach = min(len(counted), int(rng.betavariate(0.9, 0.8) * (len(counted) + 6)))
        moment = started
        done_ids = set()
        for lesson in counted[:reach]:
            moment += timedelta(minutes=rng.uniform(5, 60 * 24 * 3))
            if moment > now:
                break
            if lesson.kind == LessonKind.CHECK:
                for _try in range(rng.choice([1, 1, 1, 2])):
                    attempts.append(
                        CheckAttempt(
                            user=user,
                            lesson=lesson,
                            answers={},
                            score=rng.choice([60, 70, 80, 90, 100]),
                            passed=True,
                            created_at=moment,
                        )
                    )
            progress.append(LessonProgress(user=user, lesson=lesson, completed_at=moment, updated_at=moment))
            done_ids.add(lesson.pk)
        for module_id, module_lessons in modules.items():
            if all(lesson.pk in done_ids for lesson in module_lessons):
                module_done.append(ModuleCompletion(user=user, module_id=module_id, completed_at=moment))
        if len(done_ids) == len(counted):
            course_done.append(CourseCompletion(user=user, course=course, completed_at=moment))
            if rng.random() < 0.85:
                salt = f"{rng.getrandbits(64):016x}"
                certificates.append(
                    Certificate(
                        issued_at=moment + timedelta(hours=rng.uniform(1, 200)),
                        code=new_code(),
                        user=user,
                        course=course,
                        name=user.display_name,
                        hours=course.estimated_hours,
                        completed_at=moment,
                        identity_salt=salt,
                        identity_hash=identity_hash(user.email, salt),
                        revoked_at=moment + timedelta(days=30) if rng.random() < 0.01 else None,
                        revocation_reason="Issued in error." if rng.random() < 0.01 else "",
                    )
                )
    with transaction.atomic():
        for model, rows in [
            (Enrollment, enrollments),
            (LessonProgress, progress),
            (CheckAttempt, attempts),
            (ModuleCompletion, module_done),
            (CourseCompletion, course_done),
            (Certificate, certificates),
        ]:
            _bulk(model, rows)
            log(f"  {len(rows)} {model._meta.verbose_name_plural}")
    registrations = seed_live_sessions(users, rng, now)
    log(f"  {registrations} live session registrations")
    log(f"  {seed_self_assessments(users, rng, now)} self-assessments")
    log(f"  {seed_conversations(users, rng, now)} conversations")
    # Bulk inserts leave the planner's statistics describing the empty tables; a site that grew
    # over years would have them current (PostgreSQL's autovacuum, or ANALYZE in maintenance).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"learners": len(users), "progress": len(progress)}


# Live sessions --------------------------------------------------------------------------------

DEMO_JOIN_URL = "https://meet.example.invalid/demo/"
SESSION_TITLES = [
    "Conversation Café, start to finish",
    "Asking a framing question people want to answer",
    "Study circles in a small library",
    "Deliberative forums on campus",
    "When a conversation gets heated",
    "Partners: who to invite and how",
    "After the conversation: harvest and follow-up",
    "World Café with a large group",
]


def _demo_sessions(rng: random.Random, now) -> list[LiveSession]:
    """One session about every three weeks over the seeded history, and four to come (made once)."""
    sessions = list(LiveSession.objects.filter(join_url__startswith=DEMO_JOIN_URL).order_by("starts_at"))
    if sessions:
        return sessions
    six_pm_utc = now.replace(hour=18, minute=0, second=0, microsecond=0)
    for n, days_ago in enumerate(range(530, -90, -21)):
        starts_at = six_pm_utc - timedelta(days=days_ago)
        # Most past sessions had their attendance taken; a few were never recorded.
        taken = days_ago > 0 and rng.random() < 0.9
        sessions.append(
            LiveSession.objects.create(
                title=SESSION_TITLES[n % len(SESSION_TITLES)],
                description="A live webinar with time for questions.",
                starts_at=starts_at,
                time_zone=rng.choice(["America/New_York", "America/Chicago", "America/Denver"]),
                minutes=rng.choice([60, 60, 90]),
                capacity=rng.choice([100, 250, 500, 1000]),
                join_url=f"{DEMO_JOIN_URL}{n}",
                created_at=min(starts_at - timedelta(days=45), now),
                attendance_taken_at=starts_at + timedelta(days=1) if taken else None,
            )
        )
    return sessions


def seed_live_sessions(users, rng: random.Random, now) -> int:
    """Registrations (seats, waitlist, cancellations, access needs) and, for sessions whose attendance
    was taken, who attended: a share of the seat holders that varies by session."""
    sessions = _demo_sessions(rng, now)
    seated = dict(
        Registration.objects.filter(session__in=sessions, status=Status.REGISTERED)
        .values_list("session")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows = []
    for session in sessions:
        eligible = [user for user in users if user.date_joined < session.starts_at]
        wanted = min(len(eligible), int(len(eligible) * rng.uniform(0.005, 0.03)) + rng.randint(2, 12))
        free = session.capacity - seated.get(session.pk, 0)
        show_up = rng.uniform(0.45, 0.75)
        asked = []
        for user in rng.sample(eligible, wanted):
            closes = min(session.starts_at, now)
            opened = max(user.date_joined, closes - timedelta(days=30))
            asked.append((opened + (closes - opened) * rng.random(), user))
        for moment, user in sorted(asked, key=lambda pair: pair[0]):
            needs = rng.random()
            row = Registration(
                session=session,
                user=user,
                created_at=moment,
                queued_at=moment,
                wants_captions=needs < 0.05,
                wants_interpreter=0.05 <= needs < 0.07,
                wants_other=0.07 <= needs < 0.08,
                access_details="The slides a day ahead, please." if 0.07 <= needs < 0.08 else "",
            )
            if rng.random() < 0.07:
                row.status = Status.CANCELLED
            elif free > 0:
                row.status, free = Status.REGISTERED, free - 1
                if session.attendance_taken and rng.random() < show_up:
                    row.attended_at = session.starts_at + timedelta(minutes=rng.uniform(0, 10))
            else:
                row.status = Status.WAITLISTED
            rows.append(row)
    with transaction.atomic():
        _bulk(Registration, rows)
    return len(rows)


# Self-assessments and conversations ------------------------------------------------------------


def seed_self_assessments(users, rng: random.Random, now) -> int:
    """About a third take the self-assessment, some again later; answers lean to each person's level."""

    definition = Definition.current()
    if definition is None:
        return 0

    def answer(item, level):
        if item.is_rating:  # 0 to 3, centred on the person's level
            return min(3, int(rng.triangular(0, 4, level * 4)))
        # A situation: the best option as often as the person's level, otherwise any option.
        return item.options.index(item.best) if rng.random() < level else rng.randrange(len(item.options))

    rows = []
    for user in users:
        if rng.random() > 0.35:
            continue
        level = rng.betavariate(2.2, 1.8)  # how far along this person is, 0 to 1
        taken = user.date_joined + timedelta(days=rng.uniform(0, 20))
        for _time in range(rng.choice([1, 1, 1, 2])):
            if taken > now:
                break
            answers = {item.slug: answer(item, level) for item in definition.items}
            rows.append(
                Attempt(user=user, created_at=taken, answers=answers, scores=score(definition, answers))
            )
            taken += timedelta(days=rng.uniform(30, 200))
            level = min(1.0, level + rng.uniform(0, 0.3))
    with transaction.atomic():
        _bulk(Attempt, rows)
    return len(rows)


CONVERSATION_TOPICS = [
    "Our town's water",
    "Welcoming new neighbours",
    "What the library should be in ten years",
    "Broadband for the county",
    "Safe streets near the school",
    "Housing we can afford",
    "Keeping young people here",
]


def seed_conversations(users, rng: random.Random, now) -> int:
    """Some learners plan conversations with a method; most of those past their date were held."""

    methods = list(Method.objects.all())
    rows = []
    for user in users:
        if rng.random() > 0.06:
            continue
        method = rng.choice(methods) if methods and rng.random() < 0.9 else None
        created = user.date_joined + timedelta(days=rng.uniform(5, 120))
        if created > now:
            continue
        starts = created + timedelta(days=rng.uniform(10, 60))
        held = starts < now and rng.random() < 0.8
        rows.append(
            Conversation(
                owner=user,
                title=rng.choice(CONVERSATION_TOPICS),
                method=method,
                source=Source.METHOD if method else Source.SCRATCH,
                starts_at=starts,
                time_zone="UTC",
                held_on=starts.date() if held else None,
                attendance=rng.randint(6, 60) if held else None,
                created_at=created,
                updated_at=starts if held else created,
            )
        )
    with transaction.atomic():
        _bulk(Conversation, rows)
    return len(rows)
