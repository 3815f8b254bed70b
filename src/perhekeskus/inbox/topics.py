"""Topics (aiheet) of questions and contact requests, kept as data; queues take some of them."""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import get_language

TOPICS_CSV = Path(__file__).parent / "data" / "topics.csv"
OTHER = "other"


@dataclass(frozen=True)
class Topic:
    code: str
    labels: dict[str, str]

    def label(self, lang: str | None = None) -> str:
        lang = (lang or get_language() or "fi")[:2]
        return self.labels.get(lang) or self.labels["fi"]


@cache
def topics() -> tuple[Topic, ...]:
    with TOPICS_CSV.open(encoding="utf-8", newline="") as handle:
        return tuple(
            Topic(row["code"], {lang: row[f"label_{lang}"] for lang in ("fi", "sv", "en")})
            for row in csv.DictReader(handle)
        )


def topic_codes() -> frozenset[str]:
    return frozenset(topic.code for topic in topics())


def topic_choices(lang: str | None = None) -> list[tuple[str, str]]:
    return [(topic.code, topic.label(lang)) for topic in topics()]


def topic_label(code: str, lang: str | None = None) -> str:
    for topic in topics():
        if topic.code == code:
            return topic.label(lang)
    return code
