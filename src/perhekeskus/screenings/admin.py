"""The screening instruments in the admin: a maintainer keeps their names, thresholds, follow-up
times and sources up to date with the national guidance (a screening keeps the threshold it was
judged against). Screenings and follow-ups themselves are not registered, on purpose: they are
health information, read and written only through this app's services and selectors, which
decide who may and write an audit event (see `perhekeskus.clients.admin`)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from perhekeskus.screenings.models import ConcernArea, ScreeningInstrument


class ConcernAreaInline(TranslationTabularInline):
    model = ConcernArea
    extra = 1
    fields = ("position", "code", "name")


@admin.register(ScreeningInstrument)
class ScreeningInstrumentAdmin(TranslationAdmin):
    list_display = (
        "name",
        "code",
        "respondent",
        "score_kind",
        "threshold",
        "threshold_women",
        "threshold_men",
        "follow_up_days",
        "active",
    )
    list_filter = ("active", "respondent", "score_kind")
    search_fields = ("code", "name_fi", "name_sv", "name_en")
    fieldsets = (
        (None, {"fields": ("code", "name", "purpose", "respondent", "position", "active")}),
        (
            _("Result and threshold"),
            {
                "fields": (
                    "score_kind",
                    ("min_score", "max_score"),
                    "threshold",
                    ("threshold_women", "threshold_men"),
                    "direction",
                    "high_threshold",
                    "threshold_note",
                    "follow_up_days",
                )
            },
        ),
        (_("Source"), {"fields": ("source", "source_url")}),
    )
    inlines = (ConcernAreaInline,)
