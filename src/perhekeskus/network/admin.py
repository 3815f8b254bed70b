from django.contrib import admin

from perhekeskus.network import models

for model in (
    models.County,
    models.Municipality,
    models.PostalArea,
    models.Area,
    models.Organisation,
    models.Site,
    models.ServiceType,
    models.Service,
    models.Activity,
    models.MaintainerRole,
):
    admin.site.register(model)
