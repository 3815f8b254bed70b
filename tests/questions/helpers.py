"""Helpers of the questions' tests: sending the forms as a browser would, reading pages as a
person would, and searching the whole database for a string."""

import html as html_lib
import re

from django.apps import apps
from django.db import models
from django.test import Client

STAMP = re.compile(r'name="stamp" value="([^"]*)"')
CODE = re.compile(r'id="question-code"[^>]*value="([^"]+)"')


def page_text(response) -> str:
    """The page as a reader meets it: the words, without the markup."""
    content = response.content.decode()
    content = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", content, flags=re.S)
    content = re.sub(r"<[^>]+>", " ", content)
    return re.sub(r"\s+", " ", html_lib.unescape(content)).strip()


def stamp_of(response) -> str:
    found = STAMP.search(response.content.decode())
    assert found, "the form has no stamp"
    return found.group(1)


def ask_on_page(client: Client, lang: str = "fi", **fields: str):
    """A family opens the ask page and sends the form, as a browser would."""
    shown = client.get(f"/{lang}/ask/")
    data = {"text": "Vauva ei nuku öisin.", "topic": "sleep_eating", "stamp": stamp_of(shown)}
    data.update(fields)
    return client.post(f"/{lang}/ask/", data)


def code_on(response) -> str:
    found = CODE.search(response.content.decode())
    assert found, "no code on the page"
    return found.group(1)


def text_columns():
    """Every text-holding column of every table: (model, field name)."""
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField | models.TextField | models.JSONField):
                yield model, field.attname


def where_in_database(needle: str) -> list[str]:
    """Where in the database `needle` is written, as "table.column" of each hit. Sessions are
    read decoded, since their data is encoded."""
    from django.contrib.sessions.models import Session

    hits = []
    for model, column in text_columns():
        for value in model._default_manager.values_list(column, flat=True).iterator():
            if value is not None and needle in str(value):
                hits.append(f"{model._meta.db_table}.{column}")
    for session in Session.objects.all():
        if needle in str(session.get_decoded()):
            hits.append("django_session (decoded)")
    return hits
