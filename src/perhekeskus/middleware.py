"""Middleware of our own."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

from perhekeskus.errors import DomainError, MethodNotAllowed, NotFound

# Errors that Django's routing gives before any API code runs: an unknown path or method.
ROUTING_ERRORS: dict[int, type[DomainError]] = {404: NotFound, 405: MethodNotAllowed}


class ApiJsonErrorsMiddleware:
    """Every error under /api/ is JSON `{"code", "message"}` in the caller's language, also
    those that never reach the API's own exception handlers."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        error = ROUTING_ERRORS.get(response.status_code)
        if (
            error is None
            or not request.path.startswith("/api/")
            or response.get("Content-Type", "").startswith("application/json")
        ):
            return response
        replaced = JsonResponse(error().as_dict(), status=response.status_code)
        if response.has_header("Allow"):
            replaced["Allow"] = response["Allow"]
        return replaced
