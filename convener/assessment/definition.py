"""The self-assessment as plain values: read once per request from the database, or built from a spec."""

from dataclasses import dataclass

from .models import Assessment, Item, ItemKind, Skill


@dataclass(frozen=True)
class Option:
    text: str
    points: int
    feedback: str


@dataclass(frozen=True)
class SkillDef:
    slug: str
    position: int
    name: str
    description: str
    modules: tuple[str, ...]
    methods: tuple[str, ...]
    recordings: tuple[str, ...]


@dataclass(frozen=True)
class ItemDef:
    slug: str
    number: int
    skill: str
    kind: str
    text: str
    options: tuple[Option, ...]

    @property
    def is_rating(self) -> bool:
        return self.kind == ItemKind.RATING

    def labels(self, scale) -> list[str]:
        """What each answer value (0, 1, 2 …) reads as."""
        return list(scale) if self.is_rating else [option.text for option in self.options]

    def points(self, value: int) -> int:
        return value if self.is_rating else self.options[value].points

    @property
    def max_points(self) -> int:
        return 3 if self.is_rating else max(option.points for option in self.options)

    @property
    def best(self) -> Option | None:
        return None if self.is_rating else max(self.options, key=lambda option: option.points)


@dataclass(frozen=True)
class Definition:
    title: str
    intro: str
    scale: tuple[str, ...]
    skills: tuple[SkillDef, ...]
    items: tuple[ItemDef, ...]

    def skill(self, slug: str) -> SkillDef | None:
        return next((skill for skill in self.skills if skill.slug == slug), None)

    def item(self, slug: str) -> ItemDef | None:
        return next((item for item in self.items if item.slug == slug), None)

    def item_at(self, number: int) -> ItemDef | None:
        return self.items[number - 1] if 1 <= number <= len(self.items) else None

    def first_unanswered(self, answers: dict) -> ItemDef | None:
        return next((item for item in self.items if item.slug not in answers), None)

    @classmethod
    def from_spec(cls, spec: dict) -> "Definition":
        """From what convener.authoring.assessment.load_assessment returns."""
        skills = tuple(
            SkillDef(
                s["slug"],
                i,
                s["name"],
                s["description"],
                tuple(s["modules"]),
                tuple(s["methods"]),
                tuple(s["recordings"]),
            )
            for i, s in enumerate(spec["skills"], start=1)
        )
        items = tuple(
            ItemDef(
                it["slug"], n, it["skill"], it["kind"], it["text"], tuple(Option(**o) for o in it["options"])
            )
            for n, it in enumerate(spec["items"], start=1)
        )
        return cls(spec["title"], spec["intro"], tuple(spec["rating_scale"]), skills, items)

    @classmethod
    def current(cls) -> "Definition | None":
        """The imported self-assessment, or None before any import."""
        assessment = Assessment.objects.first()
        if assessment is None:
            return None
        skills = tuple(
            SkillDef(
                s.slug,
                s.position,
                s.name,
                s.description,
                tuple(s.modules),
                tuple(s.methods),
                tuple(s.recordings),
            )
            for s in Skill.objects.order_by("position")
        )
        rows = Item.objects.order_by("position").values_list("slug", "skill__slug", "kind", "text", "options")
        items = tuple(
            ItemDef(slug, n, skill, kind, text, tuple(Option(**o) for o in options))
            for n, (slug, skill, kind, text, options) in enumerate(rows, start=1)
        )
        if not items:
            return None
        return cls(assessment.title, assessment.intro, tuple(assessment.rating_scale), skills, items)
