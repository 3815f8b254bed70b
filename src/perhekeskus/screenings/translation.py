"""Instrument texts in fi/sv/en (django-modeltranslation adds the _fi, _sv and _en columns)."""

from modeltranslation.translator import TranslationOptions, register

from perhekeskus.screenings import models


@register(models.ScreeningInstrument)
class ScreeningInstrumentTranslation(TranslationOptions):
    fields = ("name", "purpose", "threshold_note")


@register(models.ConcernArea)
class ConcernAreaTranslation(TranslationOptions):
    fields = ("name",)
