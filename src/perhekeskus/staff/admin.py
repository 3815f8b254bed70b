"""Professional accounts in the admin: the data maintainers create them (a user first, then its
professional role) and reset a lost second factor. Django's model permissions decide who may."""

from django.contrib import admin, messages
from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from perhekeskus.staff.models import Professional


@admin.register(Professional)
class ProfessionalAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "organisation", "municipality", "has_second_factor")
    list_filter = (
        "role",
        ("organisation", admin.RelatedOnlyFieldListFilter),
        ("municipality", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("user__username", "user__first_name", "user__last_name")
    autocomplete_fields = ("user", "organisation", "municipality")
    list_select_related = ("user", "organisation", "municipality")
    actions = ("second_factor_reset",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Professional]:
        devices = TOTPDevice.objects.filter(user_id=OuterRef("user_id"), confirmed=True)
        return super().get_queryset(request).annotate(second_factor=Exists(devices))

    @admin.display(boolean=True, description=_("second factor"), ordering="second_factor")
    def has_second_factor(self, obj: Professional) -> bool:
        return bool(getattr(obj, "second_factor", False))

    @admin.action(
        description=_("Reset the second factor (they set up the app again at the next login)"),
        permissions=("change",),
    )
    def second_factor_reset(self, request: HttpRequest, queryset: QuerySet[Professional]) -> None:
        """A lost phone: its authenticator app and any passkeys go (a passkey may be on it)."""
        users = queryset.values("user_id")
        TOTPDevice.objects.filter(user_id__in=users).delete()
        WebAuthnCredential.objects.filter(user_id__in=users).delete()
        count = queryset.count()
        self.message_user(
            request,
            ngettext(
                "The second factor of %(count)d professional was reset.",
                "The second factor of %(count)d professionals was reset.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
