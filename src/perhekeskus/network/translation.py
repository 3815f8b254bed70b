"""Content fields in fi/sv/en (django-modeltranslation adds name_fi, name_sv, name_en …)."""

from modeltranslation.translator import TranslationOptions, register

from perhekeskus.network import models


@register(models.County)
class CountyTranslation(TranslationOptions):
    fields = ("name",)


@register(models.Municipality)
class MunicipalityTranslation(TranslationOptions):
    fields = ("name",)


@register(models.PostalArea)
class PostalAreaTranslation(TranslationOptions):
    fields = ("name",)


@register(models.Area)
class AreaTranslation(TranslationOptions):
    fields = ("name", "description")


@register(models.Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "description")


@register(models.Site)
class SiteTranslation(TranslationOptions):
    fields = ("name", "description", "street_address", "post_office", "accessibility", "directions")


@register(models.ServiceType)
class ServiceTypeTranslation(TranslationOptions):
    fields = ("name",)


@register(models.Service)
class ServiceTranslation(TranslationOptions):
    fields = ("name", "summary", "description", "eligibility", "cost_description")


@register(models.ServiceContact)
class ServiceContactTranslation(TranslationOptions):
    fields = ("title",)


@register(models.ServiceAtSite)
class ServiceAtSiteTranslation(TranslationOptions):
    fields = ("description",)


@register(models.OpeningHoursException)
class OpeningHoursExceptionTranslation(TranslationOptions):
    fields = ("reason",)


@register(models.Activity)
class ActivityTranslation(TranslationOptions):
    fields = ("title", "description")


@register(models.ProfessionalPresence)
class ProfessionalPresenceTranslation(TranslationOptions):
    fields = ("role", "note")
