"""The method catalogue's words used on other apps' pages (the staff menu, a plan action's
form), kept here so that this app's catalogue translates them."""

from django.utils.translation import pgettext_lazy

NAV_LABEL = pgettext_lazy("staff menu", "Methods")
PLAN_ACTION_METHOD_LABEL = pgettext_lazy("plan action", "Method")
PLAN_ACTION_METHOD_HELP = pgettext_lazy(
    "plan action", "The method the action uses, from the method catalogue."
)
NO_METHOD = pgettext_lazy("plan action", "No method")
