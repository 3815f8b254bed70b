"""The topics of a parenting plan (vanhemmuussuunnitelman aiheet), as the family law services'
own plan templates ask them: where the child lives, time with each parent, holidays, decisions,
money, how the parents talk to each other, new partners and the child's own view.

Most topics are agreed for each child; the parents' communication and new partners for the
family as a whole. Where a topic has usual arrangements they are choices, so that two views can
be told to be the same; every topic has room for the parent's own words.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

OTHER = "other"
# Choices that name a parent: their label says which parent (by what they are called).
WITH_FIRST, WITH_SECOND = "with_a", "with_b"


@dataclass(frozen=True)
class Topic:
    code: str
    title: Any
    question: Any
    per_child: bool
    choices: tuple[tuple[str, Any], ...] = ()

    def choice_label(self, value: str, names: dict[str, str] | None = None) -> str:
        names = names or {}
        if value == WITH_FIRST:
            return str(
                _("Lives mostly with: %(parent)s") % {"parent": names.get("a", _("parent 1"))}
            )
        if value == WITH_SECOND:
            return str(
                _("Lives mostly with: %(parent)s") % {"parent": names.get("b", _("parent 2"))}
            )
        return str(dict(self.choices).get(value, ""))


_OTHER_CHOICE = (OTHER, pgettext_lazy("parenting choice", "Some other way (tell below)"))

TOPICS: tuple[Topic, ...] = (
    Topic(
        "residence",
        _("Where the child lives"),
        _("Where will the child live, and where is the child's official address?"),
        per_child=True,
        choices=(
            (WITH_FIRST, ""),
            (WITH_SECOND, ""),
            ("alternating", _("Alternate residence: about equally with both parents")),
            _OTHER_CHOICE,
        ),
    ),
    Topic(
        "time",
        _("Time with each parent"),
        _("When is the child with each parent on ordinary weeks, and how do changeovers go?"),
        per_child=True,
        choices=(
            ("alternate_weeks", _("Every other week with each parent")),
            ("weekends", _("Every other weekend and a weekday with the other parent")),
            ("flexible", _("Flexibly, agreed as we go")),
            _OTHER_CHOICE,
        ),
    ),
    Topic(
        "holidays",
        _("Holidays and special days"),
        _("How are Christmas, summer and other holidays, birthdays and other special days spent?"),
        per_child=True,
        choices=(
            ("alternate_years", _("Holidays alternate year by year")),
            ("split", _("Each holiday is shared between the parents")),
            _OTHER_CHOICE,
        ),
    ),
    Topic(
        "decisions",
        _("Decisions about school, health and hobbies"),
        _("Who decides about day care and school, health care and hobbies, and how?"),
        per_child=True,
        choices=(
            ("together", _("We decide important matters together")),
            (
                "residence_parent",
                _("The parent the child lives with decides everyday matters; big ones together"),
            ),
            _OTHER_CHOICE,
        ),
    ),
    Topic(
        "money",
        _("Money: maintenance and costs"),
        _("Is child maintenance paid, how much and by whom, and how are other costs shared?"),
        per_child=True,
        choices=(
            ("maintenance", _("One parent pays child maintenance")),
            ("shared_costs", _("The costs are shared without maintenance")),
            _OTHER_CHOICE,
        ),
    ),
    Topic(
        "communication",
        _("Communication between the parents"),
        _("How and how often do you talk about the children's matters, and what if you disagree?"),
        per_child=False,
        choices=(
            ("messages", _("By messages (text messages or an app)")),
            ("talking", _("By phone or face to face")),
            _OTHER_CHOICE,
        ),
    ),
    Topic(
        "new_partners",
        _("New partners"),
        _("How and when are new partners introduced to the children?"),
        per_child=False,
    ),
    Topic(
        "child_view",
        _("The child's own view"),
        _("What does the child think and wish, and how is the child heard as they grow?"),
        per_child=True,
    ),
)

_BY_CODE = {topic.code: topic for topic in TOPICS}


def topic_by_code(code: str) -> Topic | None:
    return _BY_CODE.get(code)


def topic_codes() -> frozenset[str]:
    return frozenset(_BY_CODE)
