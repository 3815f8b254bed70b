"""django-otp-webauthn's own messages that professionals and data maintainers see, listed here
so that `makemessages` keeps them in this app's catalogue: the app ships no Finnish or Swedish.
(The strings of its browser script are in this app's djangojs catalogue, see passkey_urls.)"""

from django.utils.translation import gettext_noop

STRINGS = (
    # Errors its JSON views answer with; the page's script shows them under the button.
    gettext_noop("Error processing WebAuthn request."),
    gettext_noop("Malformed request. JSON not parsable."),
    gettext_noop(
        "State is missing or invalid. Please begin the operation first before trying to "
        "complete it."
    ),
    gettext_noop("Unprocessable Entity"),
    gettext_noop("Passwordless login is disabled."),
    gettext_noop("This user account is marked as disabled."),
    gettext_noop("This Passkey has been marked as disabled."),
    gettext_noop("The Passkey you tried to use was not found. Perhaps it was removed?"),
    gettext_noop(
        "The Passkey you tried to use does not belong to the currently logged-in user. Try "
        "using a different Passkey or logout first to use this Passkey."
    ),
    gettext_noop("Authentication required."),
    gettext_noop("User is not verified."),
    gettext_noop(
        "You must verify your identity first with an existing MFA device before you can "
        "register a new passkey."
    ),
    # The data maintainers' admin.
    gettext_noop("OTP WebAuthn"),
    gettext_noop("WebAuthn credential"),
    gettext_noop("WebAuthn credentials"),
    gettext_noop("WebAuthn attestation"),
    gettext_noop("WebAuthn attestations"),
    gettext_noop("WebAuthn user handle"),
    gettext_noop("WebAuthn user handles"),
)
