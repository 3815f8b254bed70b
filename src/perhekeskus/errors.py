"""Domain errors. Each carries a stable code, an HTTP status for the API and a message that is
translated into the user's language (fi/sv/en) when shown."""

from typing import Any

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    code = "error"
    status = 400
    default_message: Any = _("The request could not be carried out.")

    def __init__(self, message: Any = None, *, details: Any = None) -> None:
        self.message = message if message is not None else self.default_message
        self.details = details
        super().__init__(str(self.message))

    def as_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "message": str(self.message)}
        if self.details:
            body["details"] = self.details
        return body


class NotFound(DomainError):
    """Also raised when the caller may not see the object: missing and forbidden look alike."""

    code = "not_found"
    status = 404
    default_message = _("Not found.")


class PermissionDenied(DomainError):
    code = "forbidden"
    status = 403
    default_message = _("You may not do this.")


class MethodNotAllowed(DomainError):
    code = "method_not_allowed"
    status = 405
    default_message = _("This method is not allowed here.")


class NotAuthenticated(DomainError):
    code = "not_authenticated"
    status = 401
    default_message = _("A valid API token is required.")


class InvalidInput(DomainError):
    code = "invalid"
    status = 400
    default_message = _("The data is not valid.")


class StaleEdit(DomainError):
    """Someone saved the object after the editor loaded it."""

    code = "stale_edit"
    status = 409
    default_message = _(
        "Someone else saved this in the meantime. Reload to see their changes, then make yours "
        "again."
    )


class ImportFailed(DomainError):
    code = "import_failed"
    status = 400
    default_message = _("The import was rejected; nothing was changed.")


class InvalidTransition(DomainError):
    """The step is not possible from where the object stands now, e.g. accepting a referral
    that someone else has just accepted or that the sender has withdrawn."""

    code = "invalid_transition"
    status = 409
    default_message = _(
        "This is no longer possible: the matter has moved on. Reload to see where it stands."
    )
