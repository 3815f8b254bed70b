"""Content fields in fi/sv/en (django-modeltranslation adds name_fi, name_sv, name_en …)."""

from modeltranslation.translator import TranslationOptions, register

from perhekeskus.methods import models


@register(models.Method)
class MethodTranslation(TranslationOptions):
    fields = (
        "name",
        "other_names",
        "aim",
        "target_group",
        "description",
        "owner",
        "training_provider",
        "training_duration",
        "evidence_statement",
    )
