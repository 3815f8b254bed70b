"""The planner's forms: the options of a proposal (a GET form, so that a proposal has an address
to share) and the name a plan is saved with."""

from collections.abc import Iterable, Mapping
from dataclasses import asdict, fields
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from perhekeskus.errors import InvalidInput
from perhekeskus.network.models import County
from perhekeskus.planning import proposal
from perhekeskus.planning.proposal import ProposalOptions

DEFAULTS = ProposalOptions()
OPTION_NAMES = tuple(field.name for field in fields(ProposalOptions))


def _people(label: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=1_000,
        max_value=1_000_000,
        widget=forms.NumberInput(attrs={"step": "any"}),
    )


def _km(label: Any) -> forms.FloatField:
    return forms.FloatField(
        label=label,
        min_value=0.1,
        max_value=50,
        widget=forms.NumberInput(attrs={"step": "any"}),
    )


class ProposalForm(forms.Form):
    county = forms.ChoiceField(label=_("County"))
    band_min = _people(_("Smallest population of an area"))
    band_max = _people(_("Largest population of an area"))
    capital_band_min = _people(_("Smallest population of an area in the capital region"))
    capital_band_max = _people(_("Largest population of an area in the capital region"))
    family_centre_km = _km(_("A child is near a family centre within (km)"))
    meeting_place_km = _km(_("A child is near a meeting place within (km)"))
    new_meeting_places = forms.IntegerField(
        label=_("New meeting places to suggest"),
        min_value=0,
        max_value=50,
        widget=forms.NumberInput(),
    )

    def __init__(self, *args: Any, counties: Iterable[County], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["county"].choices = [  # type: ignore[attr-defined]
            (county.code, f"{county.code} {county.name}") for county in counties
        ]

    @classmethod
    def from_query(cls, query: Mapping[str, Any], *, counties: Iterable[County]) -> "ProposalForm":
        """Bound when a county is chosen; an option left out of the address is the model's
        default, so that `?county=04` alone is a proposal to share."""
        counties = list(counties)
        if not query.get("county"):
            initial = asdict(DEFAULTS)
            if len(counties) == 1:
                initial["county"] = counties[0].code
            return cls(initial=initial, counties=counties)
        data = {name: str(value) for name, value in asdict(DEFAULTS).items()}
        data.update({key: query[key] for key in ("county", *OPTION_NAMES) if key in query})
        return cls(data, counties=counties)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for low, high in (("band_min", "band_max"), ("capital_band_min", "capital_band_max")):
            if data.get(low) is not None and data.get(high) is not None and data[low] >= data[high]:
                self.add_error(high, _("The largest population must be above the smallest."))
        check = getattr(proposal, "proposal_options_check", None)
        if check is not None and not self.errors:
            try:
                check(self.options())
            except InvalidInput as error:
                details = error.details if isinstance(error.details, dict) else {}
                for name, message in details.items():
                    self.add_error(name if name in self.fields else None, str(message))
                if not details:
                    self.add_error(None, str(error.message))
        return data

    def options(self) -> ProposalOptions:
        return ProposalOptions(**{name: self.cleaned_data[name] for name in OPTION_NAMES})


class PlanSaveForm(forms.Form):
    name = forms.CharField(label=_("Name of the plan"), max_length=200)
