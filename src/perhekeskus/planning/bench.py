"""The area planner's benchmark (`perhekeskus bench_planning`): for every county, the areas
proposed, how many fall within the band, coverage of children before and after the suggested
meeting places and the computing time; for Uusimaa, the comparison with the regional model's 30
areas and with the demo's simple greedy drawing (network.demo_areas).

Run on a database with the reference data and the demo's sites (`perhekeskus demo --scale
region` is enough for Uusimaa's sites)."""

import platform
import statistics
import time
from pathlib import Path
from typing import Any

from django.db import connection
from django.utils import timezone, translation

from perhekeskus.benchkit import results_write
from perhekeskus.network.demo_areas import Place, areas_draw
from perhekeskus.network.models import (
    AREA_BAND,
    CAPITAL_REGION_AREA_BAND,
    CAPITAL_REGION_MUNICIPALITIES,
    County,
    Municipality,
    PostalArea,
    Site,
)
from perhekeskus.planning.proposal import ProposalOptions, propose
from perhekeskus.planning.selectors import municipality_neighbours

UUSIMAA = ("01", "02", "03", "04", "90")
REGIONAL_MODEL_AREAS = 30  # Uusimaa's family centre areas in the regional model
UUSIMAA_TARGET_SECONDS = 10.0
ALL_TARGET_SECONDS = 60.0


def _demo_drawing(counties: tuple[str, ...]) -> dict[str, Any]:
    """The demo's greedy drawing of the same counties, and how many of its areas are in band
    and contiguous (whole municipalities by their borders; split cities' parts not checked)."""
    municipalities = list(Municipality.objects.select_related("county"))
    by_id = {m.id: m for m in municipalities}
    postal = [
        Place(
            p.code,
            p.name_fi or p.name,
            p.name_sv or p.name,
            p.population,
            p.latitude or 0.0,
            p.longitude or 0.0,
            by_id[p.municipality_id].code,
            by_id[p.municipality_id].county.code,
        )
        for p in PostalArea.objects.all()
    ]
    places = [
        Place(
            m.code,
            m.name_fi or m.name,
            m.name_sv or m.name,
            m.population,
            m.latitude or 60.5,
            m.longitude or 25.0,
            m.code,
            m.county.code,
        )
        for m in municipalities
    ]
    neighbours = list(municipality_neighbours())
    plans = areas_draw(
        municipalities=places, postal_areas=postal, neighbours=neighbours, counties=counties
    )
    adjacency: dict[str, set[str]] = {}
    for a, b in neighbours:
        adjacency.setdefault(a, set()).add(b)
        adjacency.setdefault(b, set()).add(a)
    in_band = contiguous = in_band_contiguous = 0
    for plan in plans:
        codes = {m.code for m in plan.municipalities} | {p.municipality for p in plan.postal_areas}
        low, high = (
            CAPITAL_REGION_AREA_BAND if codes <= CAPITAL_REGION_MUNICIPALITIES else AREA_BAND
        )
        inside = low <= plan.population <= high
        in_band += inside
        whole = {m.code for m in plan.municipalities}
        connected = True
        if not plan.postal_areas and len(whole) > 1:
            start = next(iter(whole))
            seen, stack = {start}, [start]
            while stack:
                for n in adjacency.get(stack.pop(), ()):
                    if n in whole and n not in seen:
                        seen.add(n)
                        stack.append(n)
            connected = seen == whole
        contiguous += connected
        in_band_contiguous += inside and connected
    return {
        "areas": len(plans),
        "in_band": in_band,
        "contiguous_whole_municipality_areas": contiguous,
        "in_band_and_contiguous": in_band_contiguous,
    }


def bench_planning(*, repeats: int = 3) -> dict[str, Any]:
    options = ProposalOptions()
    counties = list(County.objects.order_by("code").values_list("code", "name"))
    per_county: list[dict[str, Any]] = []
    with translation.override("fi"):
        for code, name in counties:
            times = []
            proposal = None
            for _ in range(repeats if code in UUSIMAA else 1):
                started = time.perf_counter()
                proposal = propose(county_code=code, options=options)
                times.append(time.perf_counter() - started)
            assert proposal is not None
            coverage = proposal.coverage
            per_county.append(
                {
                    "county": code,
                    "name": name,
                    "areas": len(proposal.areas),
                    "in_band": sum(1 for a in proposal.areas if a.in_band),
                    "outside_band": [
                        {"name": a.name, "population": a.population, "band": list(a.band)}
                        for a in proposal.areas
                        if not a.in_band
                    ],
                    "optimal": proposal.optimal,
                    "ferry_links": [list(p) for p in proposal.ferry_links],
                    "in_use_areas": proposal.in_use_count,
                    "in_use_in_band": proposal.in_use_in_band,
                    "children": coverage.children,
                    "family_centre_share": round(coverage.family_centre_share, 4),
                    "meeting_place_share": round(coverage.meeting_place_share, 4),
                    "meeting_place_share_after": round(coverage.meeting_place_share_after, 4),
                    "suggested": [
                        {
                            "postal_code": s.postal_code,
                            "name": s.name,
                            "children_reached": s.children_reached,
                        }
                        for s in proposal.suggested_meeting_places
                    ],
                    "postal_areas_without_age_data": proposal.postal_areas_without_age_data,
                    "seconds": round(statistics.median(times), 3),
                }
            )
    uusimaa = [c for c in per_county if c["county"] in UUSIMAA]
    children = sum(c["children"] for c in uusimaa)

    def weighted(key: str) -> float:
        return round(sum(c[key] * c["children"] for c in uusimaa) / children, 4) if children else 0

    demo = _demo_drawing(UUSIMAA)
    uusimaa_seconds = round(sum(c["seconds"] for c in uusimaa), 3)
    all_seconds = round(sum(c["seconds"] for c in per_county), 3)
    return {
        "when": timezone.now().isoformat(timespec="seconds"),
        "database": connection.vendor,
        "python": platform.python_version(),
        "options": options.__dict__,
        "postal_areas_without_age_data": PostalArea.objects.filter(children__isnull=True).count(),
        "residents_without_age_data": sum(
            PostalArea.objects.filter(children__isnull=True).values_list("population", flat=True)
        ),
        "sites": {
            "family_centres": Site.objects.filter(kind=Site.Kind.FAMILY_CENTRE).count(),
            "meeting_places": Site.objects.filter(kind=Site.Kind.MEETING_PLACE).count(),
        },
        "uusimaa": {
            "counties": list(UUSIMAA),
            "areas": sum(c["areas"] for c in uusimaa),
            "in_band": sum(c["in_band"] for c in uusimaa),
            "regional_model_areas": REGIONAL_MODEL_AREAS,
            "demo_drawing": demo,
            "in_use_areas": sum(c["in_use_areas"] for c in uusimaa),
            "in_use_in_band": sum(c["in_use_in_band"] for c in uusimaa),
            "children": children,
            "family_centre_share": weighted("family_centre_share"),
            "meeting_place_share": weighted("meeting_place_share"),
            "meeting_place_share_after": weighted("meeting_place_share_after"),
            "new_meeting_places": options.new_meeting_places * len(uusimaa),
            "seconds": uusimaa_seconds,
            "target_seconds": UUSIMAA_TARGET_SECONDS,
        },
        "all": {
            "counties": len(per_county),
            "areas": sum(c["areas"] for c in per_county),
            "in_band": sum(c["in_band"] for c in per_county),
            "in_use_areas": sum(c["in_use_areas"] for c in per_county),
            "in_use_in_band": sum(c["in_use_in_band"] for c in per_county),
            "seconds": all_seconds,
            "target_seconds": ALL_TARGET_SECONDS,
        },
        "counties": per_county,
    }


def _pct(x: float) -> str:
    return f"{100 * x:.1f} %"


def planning_markdown(report: dict[str, Any]) -> str:
    u, a = report["uusimaa"], report["all"]
    demo = u["demo_drawing"]
    ok = "✓" if u["seconds"] < u["target_seconds"] else "✗"
    ok_all = "✓" if a["seconds"] < a["target_seconds"] else "✗"
    lines = [
        "# Area planning benchmark",
        "",
        f"{report['when']}, {report['database']}, Python {report['python']}. Options: band "
        f"{report['options']['band_min']}–{report['options']['band_max']} (capital region "
        f"{report['options']['capital_band_min']}–{report['options']['capital_band_max']}), "
        f"family centre within {report['options']['family_centre_km']} km, meeting place within "
        f"{report['options']['meeting_place_km']} km, {report['options']['new_meeting_places']} "
        "new meeting places per county. Sites: "
        f"{report['sites']['family_centres']} family centres, "
        f"{report['sites']['meeting_places']} meeting places (the demo's).",
        "",
        "## Uusimaa (counties 01–04 and Helsinki)",
        "",
        "| | areas | within the band | within the band and contiguous |",
        "| --- | ---: | ---: | ---: |",
        f"| proposed (this engine) | {u['areas']} | {u['in_band']} | {u['in_band']} |",
        f"| the regional model | {u['regional_model_areas']} | — | — |",
        f"| demo's greedy drawing (network.demo_areas) | {demo['areas']} | {demo['in_band']} | "
        f"{demo['in_band_and_contiguous']} |",
        f"| areas in use in this database (the demo's) | {u['in_use_areas']} | "
        f"{u['in_use_in_band']} | — |",
        "",
        f"Of the demo drawing's areas, {demo['contiguous_whole_municipality_areas']} of "
        f"{demo['areas']} are contiguous by municipal borders (its greedy step joins a cut-off "
        "municipality to the nearest group); every proposed area is contiguous by construction "
        "(tests/planning/test_proposal.py checks it). For these counties the proposal's in-band "
        "count is the most their populations allow: Itä-Uusimaa 1 (Sipoo touches the rest of "
        "its county only through Porvoo, 51 000), Keski-Uusimaa 4, Länsi-Uusimaa 4 + 5 "
        "(Espoo and Kauniainen, 325 000, make at most 5 areas of ≥ 60 000), Vantaa and Kerava "
        "4 + 1, Helsinki 11 (672 000 / 60 000).",
        "",
        f"Coverage of Uusimaa's {u['children']} children 0–17 (at their postal areas' centres): "
        f"family centre within reach {_pct(u['family_centre_share'])}; meeting place "
        f"{_pct(u['meeting_place_share'])} today, {_pct(u['meeting_place_share_after'])} with "
        f"the {u['new_meeting_places']} suggested meeting places (maximal covering model, "
        "HiGHS).",
        "",
        f"Time: Uusimaa {u['seconds']:.2f} s (target < {u['target_seconds']:.0f} s) {ok}; all "
        f"{a['counties']} counties {a['seconds']:.2f} s (target < {a['target_seconds']:.0f} s) "
        f"{ok_all}. Median of 3 runs for Uusimaa's counties, one run for the rest; database "
        "reads included.",
        "",
        f"All counties: {a['areas']} areas proposed, {a['in_band']} within the band (areas in "
        f"use: {a['in_use_areas']}, {a['in_use_in_band']} within the band).",
        "",
        "## Per county",
        "",
        "| county | areas | in band | proved optimal | in use (in band) | family centre | "
        "meeting place | after | seconds | outside the band |",
        "| --- | ---: | ---: | :---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for c in report["counties"]:
        outside = "; ".join(f"{o['name']} {o['population']}" for o in c["outside_band"])
        lines.append(
            f"| {c['county']} {c['name']} | {c['areas']} | {c['in_band']} | "
            f"{'yes' if c['optimal'] else 'no'} | {c['in_use_areas']} ({c['in_use_in_band']}) | "
            f"{_pct(c['family_centre_share'])} | {_pct(c['meeting_place_share'])} | "
            f"{_pct(c['meeting_place_share_after'])} | {c['seconds']:.2f} | {outside} |"
        )
    lines += [
        "",
        "Notes: children are counted at their postal area's centre; "
        f"{report['postal_areas_without_age_data']} postal areas of the country "
        f"({report['residents_without_age_data']} residents in all) have no age data (too few "
        "residents to be published) and count as having no children. Islands without a land "
        "border in their county "
        "(Parainen, Kemiönsaari, Kustavi, Hailuoto, Åland's archipelago) are joined by a ferry "
        "link to the nearest place. 'Proved optimal' means every connected grouping of the "
        "county's places was weighed by the integer programme; elsewhere the grouping is the "
        "best of many seeded local searches combined by a set-partitioning programme, and "
        "other seeds give ±1 area in band in a few large counties (seen during development: "
        "Varsinais-Suomi 11–12, Pirkanmaa 11–12, Pohjois-Pohjanmaa 9–11, Lappi 4–5), where "
        "the demo's drawing sometimes has one more. Counties "
        "whose whole population cannot make more areas within the band (Itä-Uusimaa's Sipoo is "
        "cut off from the east by Porvoo; Åland has 30 000 people) keep areas outside it.",
        "",
    ]
    return "\n".join(lines)


def planning_write_results(report: dict[str, Any], output: Path) -> tuple[Path, Path]:
    """planning.json and planning.md in `output`."""
    return results_write(report, output, stem="planning", markdown=planning_markdown)
