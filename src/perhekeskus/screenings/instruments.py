"""The screening instruments used in family centre services, as the data migration seeds them.

Thresholds and their sources are written here once; a maintainer may change them in the admin
afterwards (a screening keeps the threshold it was judged against). The sources are named so
that a maintainer can check them against the current guidance.

- EPDS: Finnish child health clinic practice reads 13 points or more as likely depression and
  10 or more as a reason for follow-up. The threshold that puts the family on the worklist is
  10 (a follow-up is due); 13 is kept as the second level, shown with the result.
- AUDIT-C: Finnish guidance gives the risk level by sex: women 5 points or more, men 6 or
  more. Both are data; the sex is asked with the result, as the guidance has no other rule.
- The routine question about intimate partner violence: a "yes" calls for a follow-up.
- The extensive health examination (laaja terveystarkastus): any concern area flagged.
"""

from typing import Any

from django.db.models import ProtectedError

# The migration passes its historical models; tests and the demo pass the real ones.
INSTRUMENTS: list[dict[str, Any]] = [
    {
        "code": "epds",
        "position": 10,
        "respondent": "parent",
        "score_kind": "sum",
        "min_score": 0,
        "max_score": 30,
        "threshold": 10,
        "high_threshold": 13,
        "direction": "at_or_above",
        "follow_up_days": 14,
        "name": {
            "fi": "EPDS – synnytyksen jälkeisen masennuksen seula",
            "sv": "EPDS – screening för depression efter förlossning",
            "en": "EPDS – Edinburgh Postnatal Depression Scale",
        },
        "purpose": {
            "fi": "Vanhemman masennusoireet raskausaikana ja synnytyksen jälkeen: kymmenen "
            "kysymystä, kustakin 0–3 pistettä, yhteensä 0–30.",
            "sv": "Förälderns depressionssymtom under graviditeten och efter förlossningen: "
            "tio frågor, 0–3 poäng var, sammanlagt 0–30.",
            "en": "A parent's symptoms of depression in pregnancy and after childbirth: ten "
            "questions scored 0–3 each, 0–30 in all.",
        },
        "threshold_note": {
            "fi": "10 pistettä tai enemmän: masennusoireet selvitetään (keskustelu, uusi "
            "seula, tarvittaessa lääkäri). 13 pistettä tai enemmän: todennäköinen masennus, "
            "ohjaus lääkärille. Kysymys 10 (ajatukset itsensä vahingoittamisesta): mikä "
            "tahansa myönteinen vastaus arvioidaan heti, pisteistä riippumatta.",
            "sv": "10 poäng eller mer: depressionssymtomen utreds (samtal, ny screening, vid "
            "behov läkare). 13 poäng eller mer: sannolik depression, remiss till läkare. "
            "Fråga 10 (tankar på att skada sig själv): varje jakande svar bedöms genast, "
            "oberoende av poängen.",
            "en": "10 points or more: the symptoms are looked into (a talk, a new screening, a "
            "doctor if needed). 13 points or more: likely depression, refer to a doctor. "
            "Question 10 (thoughts of self-harm): any positive answer is assessed at once, "
            "whatever the score.",
        },
        "source": "Cox JL, Holden JM, Sagovsky R. Detection of postnatal depression: "
        "development of the 10-item Edinburgh Postnatal Depression Scale. Br J Psychiatry "
        "1987;150:782–786. Finnish practice: THL, Neuvolatyön käsikirja – synnytyksen "
        "jälkeisen masennuksen tunnistaminen (EPDS): 10 points or more follow-up, 13 or more "
        "likely depression.",
        "source_url": "https://thl.fi/",
    },
    {
        "code": "audit-c",
        "position": 20,
        "respondent": "parent",
        "score_kind": "sum",
        "min_score": 0,
        "max_score": 12,
        "threshold": None,
        "threshold_women": 5,
        "threshold_men": 6,
        "direction": "at_or_above",
        "follow_up_days": 30,
        "name": {
            "fi": "AUDIT-C – alkoholinkäytön riskit",
            "sv": "AUDIT-C – riskbruk av alkohol",
            "en": "AUDIT-C – risky use of alcohol",
        },
        "purpose": {
            "fi": "Alkoholinkäytön määrä ja tiheys: kolme kysymystä, kustakin 0–4 pistettä, "
            "yhteensä 0–12.",
            "sv": "Alkoholbrukets mängd och frekvens: tre frågor, 0–4 poäng var, sammanlagt 0–12.",
            "en": "How much and how often alcohol is used: three questions scored 0–4 each, "
            "0–12 in all.",
        },
        "threshold_note": {
            "fi": "Naisilla 5 ja miehillä 6 pistettä tai enemmän: alkoholinkäyttö on "
            "riskitasolla; mini-interventio ja tarvittaessa koko AUDIT. Ohjeistus antaa "
            "raja-arvon naisille ja miehille; valitse vastaajan mukaan.",
            "sv": "Kvinnor 5 och män 6 poäng eller mer: alkoholbruket ligger på risknivå; "
            "kort intervention och vid behov hela AUDIT. Anvisningen ger gränsvärdet för "
            "kvinnor och män; välj enligt den som svarar.",
            "en": "Women 5 and men 6 points or more: alcohol use is at a risk level; a brief "
            "intervention and, if needed, the full AUDIT. The guidance gives the threshold for "
            "women and for men; choose by the respondent.",
        },
        "source": "Bush K et al. The AUDIT alcohol consumption questions (AUDIT-C). Arch "
        "Intern Med 1998;158:1789–1795. Finnish thresholds: Käypä hoito -suositus "
        "Alkoholiongelmaisen hoito (Duodecim) and THL's AUDIT-C guidance: women 5, men 6 "
        "points or more indicate risky use.",
        "source_url": "https://www.kaypahoito.fi/",
    },
    {
        "code": "ipv-question",
        "position": 30,
        "respondent": "parent",
        "score_kind": "yes_no",
        "direction": "at_or_above",
        "follow_up_days": 7,
        "name": {
            "fi": "Rutiinikysymys lähisuhdeväkivallasta",
            "sv": "Rutinfrågan om våld i nära relationer",
            "en": "Routine question about intimate partner violence",
        },
        "purpose": {
            "fi": "Jokaiselta vanhemmalta kysytään, onko hän kokenut väkivaltaa tai sen uhkaa "
            "nykyisessä tai aiemmassa parisuhteessa. Kysytään kahden kesken.",
            "sv": "Varje förälder tillfrågas om hen har upplevt våld eller hot om våld i en "
            "nuvarande eller tidigare parrelation. Frågan ställs i enrum.",
            "en": "Every parent is asked whether they have experienced violence or the threat "
            "of it in a current or earlier relationship. Asked in private.",
        },
        "threshold_note": {
            "fi": "Kyllä: väkivallan jatkoselvittely – turvallisuuden arvio, turvasuunnitelma "
            "ja ohjaus erityispalveluun. Välittömässä vaarassa hätänumero 112.",
            "sv": "Ja: våldet utreds vidare – bedömning av säkerheten, säkerhetsplan och "
            "hänvisning till specialtjänst. Vid akut fara nödnumret 112.",
            "en": "Yes: the violence is looked into – a safety assessment, a safety plan and a "
            "referral to a specialised service. In immediate danger, call 112.",
        },
        "source": "THL: lähisuhdeväkivallan puheeksiotto neuvolassa ja kouluterveydenhuollossa "
        "(Neuvolatyön käsikirja); Valtioneuvoston asetus 338/2011; Istanbulin sopimus "
        "(SopS 52–53/2015).",
        "source_url": "https://thl.fi/",
    },
    {
        "code": "lte-concerns",
        "position": 40,
        "respondent": "child",
        "score_kind": "concerns",
        "direction": "at_or_above",
        "follow_up_days": 30,
        "name": {
            "fi": "Laajan terveystarkastuksen huolenaiheet",
            "sv": "Farhågor vid den omfattande hälsoundersökningen",
            "en": "Concerns in the extensive health examination",
        },
        "purpose": {
            "fi": "Laajassa terveystarkastuksessa arvioidaan lapsen ja koko perheen "
            "hyvinvointi. Merkitse alueet, joista heräsi huoli.",
            "sv": "Vid den omfattande hälsoundersökningen bedöms barnets och hela familjens "
            "välbefinnande. Markera de områden som väckte oro.",
            "en": "The extensive health examination assesses the wellbeing of the child and "
            "the whole family. Mark the areas that raised a concern.",
        },
        "threshold_note": {
            "fi": "Yksikin huolenaihe: sovitaan jatkotoimista perheen kanssa.",
            "sv": "Ett enda område med oro: fortsatta åtgärder avtalas med familjen.",
            "en": "Any concern area: the follow-up is agreed with the family.",
        },
        "source": "Valtioneuvoston asetus neuvolatoiminnasta, koulu- ja "
        "opiskeluterveydenhuollosta sekä lasten ja nuorten ehkäisevästä suun "
        "terveydenhuollosta (338/2011), 7 §; THL: Laaja terveystarkastus – ohjeistus äitiys- "
        "ja lastenneuvolatoimintaan sekä kouluterveydenhuoltoon (Opas 22/2012).",
        "source_url": "https://thl.fi/",
        "areas": [
            (
                "growth",
                "Lapsen kasvu ja kehitys",
                "Barnets tillväxt och utveckling",
                "The child's growth and development",
            ),
            (
                "child-wellbeing",
                "Lapsen psyykkinen hyvinvointi",
                "Barnets psykiska välbefinnande",
                "The child's mental wellbeing",
            ),
            (
                "parenting",
                "Vanhemmuus ja vuorovaikutus lapsen kanssa",
                "Föräldraskapet och samspelet med barnet",
                "Parenting and interaction with the child",
            ),
            (
                "parents-wellbeing",
                "Vanhempien jaksaminen ja terveys",
                "Föräldrarnas ork och hälsa",
                "The parents' coping and health",
            ),
            ("couple", "Parisuhde", "Parrelationen", "The couple relationship"),
            (
                "substance-use",
                "Päihteiden käyttö perheessä",
                "Rusmedelsbruk i familjen",
                "Substance use in the family",
            ),
            ("violence", "Väkivalta perheessä", "Våld i familjen", "Violence in the family"),
            (
                "living",
                "Perheen elinolot ja toimeentulo",
                "Familjens levnadsförhållanden och försörjning",
                "The family's living conditions and income",
            ),
            (
                "support",
                "Perheen tukiverkosto",
                "Familjens stödnätverk",
                "The family's support network",
            ),
        ],
    },
]

TRANSLATED = ("name", "purpose", "threshold_note")
LANGUAGES = ("fi", "sv", "en")


def instruments_seed(instrument_model: Any, area_model: Any) -> int:
    """Create the instruments that are missing, by code; an instrument already there (perhaps
    edited by a maintainer) is left as it is. Returns how many were created."""
    created = 0
    for data in INSTRUMENTS:
        if instrument_model.objects.filter(code=data["code"]).exists():
            continue
        fields = {k: v for k, v in data.items() if k not in (*TRANSLATED, "areas")}
        for name in TRANSLATED:
            fields[name] = data[name]["fi"]
            for lang in LANGUAGES:
                fields[f"{name}_{lang}"] = data[name][lang]
        instrument = instrument_model.objects.create(**fields)
        for position, (code, fi, sv, en) in enumerate(data.get("areas", []), start=1):
            area_model.objects.create(
                instrument=instrument,
                code=code,
                position=position,
                name=fi,
                name_fi=fi,
                name_sv=sv,
                name_en=en,
            )
        created += 1
    return created


def instruments_unseed(instrument_model: Any) -> None:
    """Back out the seeded instruments that no screening uses (the migration's reverse)."""
    codes = [data["code"] for data in INSTRUMENTS]
    for instrument in instrument_model.objects.filter(code__in=codes):
        try:
            instrument.delete()
        except ProtectedError:  # recorded screenings use it: kept
            continue
