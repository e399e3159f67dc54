"""Reference data for the countries app: ILO regions, conventions, and each ISO country's ILO region.

Used by the data migration; kept as plain data so tests can check it against pycountry.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

# (code, name) in the order the ILO lists them.
REGIONS = [
    ("africa", gettext_noop("Africa")),
    ("americas", gettext_noop("Americas")),
    ("arab-states", gettext_noop("Arab States")),
    ("asia-pacific", gettext_noop("Asia and the Pacific")),
    ("europe-central-asia", gettext_noop("Europe and Central Asia")),
]

# (code, name, year adopted)
CONVENTIONS = [
    ("C29", gettext_noop("Forced Labour Convention"), 1930),
    ("C105", gettext_noop("Abolition of Forced Labour Convention"), 1957),
    ("C138", gettext_noop("Minimum Age Convention"), 1973),
    ("C182", gettext_noop("Worst Forms of Child Labour Convention"), 1999),
    ("P29", gettext_noop("Protocol of 2014 to the Forced Labour Convention"), 2014),
]

# ISO 3166-1 alpha-2 codes by ILO region. North Africa is in the Africa region; the Gulf,
# Iraq, Jordan, Lebanon, Syria, Yemen and the occupied Palestinian territory are the Arab
# States; Türkiye, Israel and Central Asia are Europe and Central Asia. Territories follow
# their geography.
_BY_REGION = {
    "africa": """
        AO BF BI BJ BW CD CF CG CI CM CV DJ DZ EG EH ER ET GA GH GM GN GQ GW KE KM LR LS LY MA MG
        ML MR MU MW MZ NA NE NG RE RW SC SD SH SL SN SO SS ST SZ TD TF TG TN TZ UG YT ZA ZM ZW
    """,
    "americas": """
        AG AI AR AW BB BL BM BO BQ BR BS BZ CA CL CO CR CU CW DM DO EC FK GD GF GL GP GS GT GY HN
        HT JM KN KY LC MF MQ MS MX NI PA PE PM PR PY SR SV SX TC TT US UY VC VE VG VI
    """,
    "arab-states": "AE BH IQ JO KW LB OM PS QA SA SY YE",
    "asia-pacific": """
        AF AS AU BD BN BT CC CK CN CX FJ FM GU HK HM ID IN IO IR JP KH KI KP KR LA LK MH MM MN MO
        MP MV MY NC NF NP NR NU NZ PF PG PH PK PN PW SB SG TH TK TL TO TV TW UM VN VU WF WS
    """,
    "europe-central-asia": """
        AD AL AM AT AX AZ BA BE BG BV BY CH CY CZ DE DK EE ES FI FO FR GB GE GG GI GR HR HU IE IL
        IM IS IT JE KG KZ LI LT LU LV MC MD ME MK MT NL NO PL PT RO RS RU SE SI SJ SK SM TJ TM TR
        UA UZ VA
    """,
}
REGION_BY_ISO2: dict[str, str] = {code: region for region, codes in _BY_REGION.items() for code in codes.split()}

# Antarctica has no population and no ILO region.
NOT_IN_ANY_REGION = {"AQ"}


def iso_countries() -> list[tuple[str, str, str, str]]:
    """(iso2, iso3, name, region code) for every ISO 3166-1 country that belongs to an ILO region."""
    import pycountry

    rows = []
    for country in pycountry.countries:
        if country.alpha_2 in NOT_IN_ANY_REGION:
            continue
        name = getattr(country, "common_name", None) or country.name
        rows.append((country.alpha_2, country.alpha_3, name, REGION_BY_ISO2[country.alpha_2]))
    return rows
