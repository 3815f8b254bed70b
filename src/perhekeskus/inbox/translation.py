"""Queue names in fi/sv/en (django-modeltranslation adds name_fi, name_sv, name_en)."""

from modeltranslation.translator import TranslationOptions, register

from perhekeskus.inbox import models


@register(models.Queue)
class QueueTranslation(TranslationOptions):
    fields = ("name",)
