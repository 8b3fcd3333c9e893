"""A horizontal bar chart of the scores per skill, drawn on the server as SVG geometry."""

from dataclasses import dataclass

WIDTH = 420
PLOT = 340  # the width of a 100% bar
ROW = 52  # one skill: its name, then its bar
BAR = 20
TOP = 8
AXIS = 30  # room under the bars for the percent labels
TICKS = (0, 25, 50, 75, 100)


@dataclass(frozen=True)
class Bar:
    name: str
    score: int
    is_gap: bool
    label_y: int
    bar_y: int
    width: float
    value_x: float
    value_y: int


@dataclass(frozen=True)
class Tick:
    value: int
    x: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    plot_bottom: int
    bars: list[Bar]
    ticks: list[Tick]


def bar_chart(skill_scores) -> Chart:
    """One bar per SkillScore, in the order given."""
    bars = []
    for index, entry in enumerate(skill_scores):
        top = TOP + index * ROW
        width = round(PLOT * max(0, min(entry.score, 100)) / 100, 1)
        bars.append(
            Bar(
                name=entry.skill.name,
                score=entry.score,
                is_gap=entry.is_gap,
                label_y=top + 16,
                bar_y=top + 24,
                width=width,
                value_x=width + 6,
                value_y=top + 24 + BAR - 5,
            )
        )
    plot_bottom = TOP + len(bars) * ROW
    ticks = [Tick(value, round(PLOT * value / 100, 1)) for value in TICKS]
    return Chart(WIDTH, plot_bottom + AXIS, plot_bottom, bars, ticks)
