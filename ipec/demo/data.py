"""Hand-written facts of the demo portfolio.

Names of programmes, organisations and conventions are IPEC's real world; dates, budgets,
survey figures and ratification dates are rounded or approximate: realistic orders of
magnitude for a demonstration, not official statistics. People are fictional.
"""

from __future__ import annotations

import datetime
import zlib
from dataclasses import dataclass, field
from decimal import Decimal

# Everything is dated as at this day, so the demo is the same whatever day it is built; except the progress
# reports, since the reporting schedule opens a report for every period begun by the day of the build.
# It must not be in the future: the services refuse status moves dated after today.
REFERENCE_DATE = datetime.date(2025, 12, 31)
SEED = "ipec-demo-1992"
DEFAULT_PROJECTS = 150
DEFAULT_PASSWORD = "ipec-demo"
IPEC_FOUNDED = datetime.date(1992, 1, 6)


def stable_int(*parts: object) -> int:
    """A number derived from its arguments, the same on every run and machine (unlike hash())."""
    return zlib.crc32("|".join(str(p) for p in parts).encode())


# --------------------------------------------------------------------------------------
# Countries where IPEC operates.
#
# iso3 | MoU signed | MoU valid until | language | weight (share of national projects) |
# survey year | children in child labour (thousands) | in hazardous work (thousands) | rate % |
# C138 year/minimum age | C182 | C29 | C105 | P29 (a trailing D: denounced) | cities
# Ratification years are approximate; the day is derived, so the demo stays deterministic.
_COUNTRIES = """
BEN|1997-03-12|2027-12-31|fr|2|2014|1190|680|52.5|2001/14|2001|1960|1961||Cotonou,Porto-Novo,Parakou,Djougou
BFA|1999-05-10||fr|3|2006|1650|1000|41.1|1999/15|2001|1960|1997||Ouagadougou,Bobo-Dioulasso,Koudougou,Fada N'Gourma
BDI|2008-06-05||fr|1|2017|990|400|31.1|2000/16|2002|1963|1963||Bujumbura,Gitega,Ngozi
CMR|2001-09-20||fr|2|2008|1200|580|31.6|2001/14|2002|1960|1962||Yaoundé,Douala,Bafoussam,Bertoua
CIV|2002-11-14|2029-06-30|fr|4|2013|1420|540|28.2|2003/14|2003|1960|1961|2019|Abidjan,Soubré,Daloa,San-Pédro
COD|2005-04-18||fr|2|2012|2600|1200|15.0|2001/14|2001|1960|2001||Kinshasa,Lubumbashi,Kolwezi,Bukavu
EGY|1996-02-14||ar|3|2010|1590|1200|9.3|1999/15|2002|1955|1958||Cairo,Alexandria,Minya,Assiut
ETH|2002-07-03||en|2|2015|15100|6500|39.0|1999/14|2003|2003|1999|2017|Addis Ababa,Hawassa,Bahir Dar,Jimma
GAB|2006-03-02||fr|1|2016|45|20|13.4|2010/16|2001|1960|1961||Libreville,Port-Gentil,Franceville
GHA|2000-03-22|2028-12-31|en|4|2014|1890|1220|21.8|2011/15|2000|1957|1958||Accra,Kumasi,Tamale,Cape Coast,Takoradi
GIN|2003-05-28||fr|1|2016|1500|700|36.8|2003/16|2003|1959|1961||Conakry,Kankan,Siguiri,Boké
KEN|1992-07-22||en|5|2019|1350|500|8.5|1979/16|2001|1964|1964||Nairobi,Mombasa,Kisumu,Busia,Kericho
LSO|2002-02-14||en|1|2019|110|60|17.4|2001/15|2001|1966|2001|2019|Maseru,Leribe,Mafeteng
LBR|2006-10-02||en|1|2010|270|110|20.8|2022/15|2003|1931|1962||Monrovia,Gbarnga,Buchanan
MDG|1998-07-01||fr|3|2018|1970|1180|47.1|2000/15|2001|1960|2007||Antananarivo,Toamasina,Fianarantsoa,Ambatondrazaka
MWI|1999-09-27||en|3|2015|2100|860|38.0|1999/14|1999|1999|1999|2019|Lilongwe,Blantyre,Mzuzu,Kasungu
MLI|1998-08-05||fr|3|2005|2500|1700|65.7|2002/15|2000|1960|1962|2016|Bamako,Sikasso,Ségou,Kayes,Mopti
MAR|1999-04-15||fr|2|2018|247|162|3.3|2000/15|2001|1957|1966||Rabat,Casablanca,Marrakech,Fès
MOZ|2004-05-06||pt|1|2008|1000|400|22.5|2003/15|2003|2003|1977|2018|Maputo,Beira,Nampula
NAM|2002-08-21||en|1|2019|45|20|6.9|2000/14|2000|2000|2000|2017|Windhoek,Oshakati,Rundu
NER|2000-06-14||fr|2|2012|2100|1500|48.0|1978/14|2000|1961|1962|2015|Niamey,Zinder,Maradi,Agadez
NGA|2000-02-08||en|3|2016|15000|6000|31.0|2002/15|2002|1960|1960||Abuja,Lagos,Ibadan,Kano,Ondo
RWA|2000-07-11||fr|1|2014|190|60|6.8|1981/14|2000|2001|1962||Kigali,Huye,Musanze
SEN|1997-02-20||fr|3|2005|1080|690|36.0|1999/15|2000|1960|1961||Dakar,Thiès,Kaolack,Kédougou,Saint-Louis
SLE|2006-09-15||en|1|2017|920|470|39.0|2011/15|2011|1961|1961||Freetown,Bo,Kenema,Kono
ZAF|1998-05-12||en|3|2015|577|250|5.6|2000/15|2000|1997|1997|2019|Pretoria,Johannesburg,Durban,Polokwane
SWZ|2002-04-09||en|1|2014|35|16|11.4|2002/15|2002|1978|1979||Mbabane,Manzini
TZA|1994-08-25||en|4|2014|4200|3200|28.8|1998/14|2001|1962|1962||Dar es Salaam,Arusha,Mwanza,Zanzibar,Mbeya
TGO|2000-10-05||fr|2|2010|780|440|28.3|1984/14|2000|1960|1999||Lomé,Kara,Sokodé,Kpalimé
TUN|1999-06-24||fr|1|2017|136|99|5.6|1995/16|2000|1962|1959||Tunis,Sfax,Sousse
UGA|1998-04-09||en|3|2011|2000|500|16.3|2003/14|2001|1963|1963||Kampala,Gulu,Mbale,Kasese,Wakiso
ZMB|1999-11-02||en|3|2008|1390|900|40.6|1976/15|2001|1964|1965||Lusaka,Kitwe,Chipata,Kabwe
ZWE|1999-08-16||en|2|2019|570|280|8.0|2000/14|2000|1998|1998||Harare,Bulawayo,Mutare
BWA|2003-07-30||en|1|2005|38|18|9.0|1997/14|2000|1997|1997||Gaborone,Francistown
SDN|2010-05-17||ar|1|2014|1600|800|25.0|2003/14|2003|1957|1970||Khartoum,Kassala,Nyala
ARG|1996-07-11||es|2|2017|763|440|10.0|1996/14|2001|1950|1960|2016|Buenos Aires,Córdoba,Rosario,Posadas,Tucumán
BLZ|2000-11-15||en|1|2013|4|3|3.2|2000/14|2000|1983|1983||Belize City,Belmopan
BOL|1996-06-10||es|3|2016|740|380|20.2|1997/14|2003|2005|1990||La Paz,Potosí,Santa Cruz,Cochabamba,El Alto
BRA|1992-06-09||pt|5|2019|1768|706|4.6|2001/16|2000|1957|1965||Brasília,São Paulo,Recife,Salvador,Belém
CHL|1996-08-20||es|1|2012|219|140|6.6|1999/15|2000|1933|1999|2021|Santiago,Valparaíso,Concepción
COL|1996-07-03||es|3|2019|586|340|5.4|2001/14|2005|1969|1963||Bogotá,Medellín,Cali,Cartagena,Cúcuta
CRI|1996-09-18||es|2|2016|27|16|2.6|1976/15|2001|1960|1959|2020|San José,Limón,Puntarenas
DOM|1997-03-04||es|2|2010|304|160|12.3|1999/14|2000|1956|1958||Santo Domingo,Santiago de los Caballeros,San Pedro de Macorís
ECU|1997-05-12||es|3|2019|375|210|8.4|2000/15|2000|1954|1962||Quito,Guayaquil,Cuenca,Esmeraldas
SLV|1996-06-25||es|3|2019|90|61|6.4|1996/14|2000|1995|1958||San Salvador,Santa Ana,San Miguel,La Libertad
GTM|1996-10-15||es|3|2014|840|520|20.7|1990/14|2001|1989|1959||Ciudad de Guatemala,Quetzaltenango,Huehuetenango,Escuintla
GUY|2004-03-17||en|1|2014|40|20|18.3|1998/15|2001|1966|1966||Georgetown,Linden
HTI|1998-12-07||fr|2|2012|410|280|24.4|2009/14|2007|1958|1958||Port-au-Prince,Cap-Haïtien,Les Cayes
HND|1996-06-04||es|3|2019|376|190|14.0|1980/14|2001|1957|1958||Tegucigalpa,San Pedro Sula,Choluteca,La Ceiba
JAM|1999-10-20||en|1|2016|37|22|6.0|2003/15|2003|1962|1962|2017|Kingston,Montego Bay,Spanish Town
MEX|1999-03-30||es|3|2019|3270|1770|11.5|2015/15|2000|1934|1959||Ciudad de México,Tuxtla Gutiérrez,Culiacán,Oaxaca
NIC|1996-06-24||es|2|2005|239|140|13.3|1981/14|2000|1934|1967||Managua,León,Matagalpa,Chinandega
PAN|1996-10-08||es|2|2016|26|18|3.1|2000/14|2000|1966|1966|2016|Ciudad de Panamá,Colón,David
PRY|1996-07-23||es|2|2011|416|290|22.4|2004/14|2001|1967|1968||Asunción,Ciudad del Este,Encarnación
PER|1996-09-11||es|4|2015|1975|1330|26.1|2002/14|2002|1960|1960|2021|Lima,Cusco,Puno,Arequipa,Puerto Maldonado
TTO|2003-06-12||en|1|2016|10|4|1.3|2004/16|2003|1963|1963||Port of Spain,San Fernando
URY|1997-06-26||es|1|2010|68|54|9.9|1977/15|2001|1995|1968||Montevideo,Salto,Rivera
VEN|1996-12-10||es|1|2010|350|170|4.9|1987/14|2005|1944|1964||Caracas,Maracaibo,Barquisimeto
SUR|2005-09-08||en|1|2017|5|3|4.2|2018/16|2006|1976|1976||Paramaribo,Brokopondo
IRQ|2010-04-12||ar|1|2018|730|300|7.3|1985/15|2001|1962|1959||Baghdad,Erbil,Basra,Mosul
JOR|2000-05-04|2027-05-03|ar|2|2016|76|45|1.9|1998/16|2000|1966|1958||Amman,Irbid,Mafraq,Zarqa
LBN|2000-06-19||ar|2|2017|100|60|5.0|2003/15|2001|1977|1977||Beirut,Tripoli,Zahle,Saida
PSE|2011-11-08||ar|1|2015|40|14|3.0||||||Ramallah,Gaza,Hebron,Nablus
SYR|2007-09-12||ar|1|2006|620|250|4.0|2001/15|2003|1960|1958||Damascus,Aleppo,Homs
YEM|2000-03-29||ar|2|2010|1300|470|17.0|2000/14|2000|1969|1969||Sana'a,Aden,Taiz,Hodeidah
AFG|2008-10-01||en|1|2014|2700|1600|30.0|2010/14|2010||1963||Kabul,Herat,Jalalabad,Mazar-i-Sharif
BGD|1994-07-19||en|5|2022|1780|1070|4.4|2022/14|2001|1972|1972||Dhaka,Chattogram,Khulna,Sylhet,Rajshahi
KHM|1996-04-26||en|3|2012|755|445|19.1|1999/14|2006|1969|1999||Phnom Penh,Battambang,Siem Reap,Kampong Cham
CHN|2000-10-30||en|2|||||1999/16|2002|2022|2022||Beijing,Guangzhou,Chengdu,Kunming
FJI|2008-02-27||en|1|2010|10|5|6.0|2003/15|2002|1974|1974||Suva,Lautoka
IND|1992-02-06||en|5|2011|10130|4500|3.9|2017/14|2017|1954|2000||New Delhi,Mumbai,Sivakasi,Firozabad,Mirzapur
IDN|1992-06-25||en|5|2009|1760|1050|3.7|1999/15|2000|1950|1999||Jakarta,Surabaya,Medan,Makassar,Bandung
LAO|2005-03-15||en|1|2010|178|137|10.1|2005/14|2005|1964|2023||Vientiane,Luang Prabang,Savannakhet
MNG|2002-05-20||en|1|2012|102|66|13.3|2002/15|2001|2005|2005||Ulaanbaatar,Darkhan,Erdenet
MMR|2013-12-17||en|2|2015|1120|617|9.3|2020/14|2013|1955|||Yangon,Mandalay,Pathein,Hpa-An
NPL|1995-03-14||en|4|2018|1100|220|15.3|1997/14|2002|2002|2007||Kathmandu,Pokhara,Biratnagar,Nepalgunj
PAK|1994-06-21||en|4|1996|3300|2500|8.3|2006/14|2001|1957|1960||Islamabad,Lahore,Sialkot,Karachi,Peshawar
PNG|2006-06-01||en|1|||||2000/16|2000|1976|1976||Port Moresby,Lae
PHL|1994-06-08||en|5|2020|872|597|2.9|1998/15|2000|2005|1960||Manila,Cebu City,Davao City,Iloilo City,Bacolod
LKA|1996-02-20||en|2|2016|43|39|1.0|2000/14|2001|1950|2003||Colombo,Kandy,Galle,Jaffna
THA|1992-09-07||en|3|2018|177|133|1.6|2004/15|2001|1969|1969|2018|Bangkok,Samut Sakhon,Chiang Mai,Songkhla
TLS|2009-07-14||en|1|2016|52|25|11.0|2025-03/15|2009|2009|2009||Dili,Baucau
VNM|2000-05-09||en|3|2018|1030|520|5.4|2003/15|2000|2007|2020||Hanoi,Ho Chi Minh City,Da Nang,Lao Cai
MYS|2004-01-19||en|1|||||1997/15|2000|1957|1958D||Kuala Lumpur,Kota Kinabalu,Kuching
ALB|2000-12-19||en|2|2010|54|40|7.7|1998/16|2001|1957|1997||Tirana,Durrës,Shkodër,Korçë
ARM|2006-04-27||en|1|2015|3|2|0.6|2006/16|2006|2004|2004||Yerevan,Gyumri
AZE|2006-05-25||ru|1|2005|73|30|3.6|1992/16|2004|1992|2000||Baku,Ganja
BGR|2000-07-05||en|1|2000|28|14|2.0|1980/16|2000|1932|1999||Sofia,Plovdiv,Sliven
GEO|2006-08-03||en|1|2015|40|22|5.0|1996/15|2002|1993|1996||Tbilisi,Kutaisi,Batumi
KAZ|2004-03-01||ru|2|2006|200|110|2.4|2001/16|2003|2001|2001||Astana,Almaty,Shymkent,Turkistan
KGZ|2004-03-01||ru|1|2014|672|580|27.8|1992/16|2004|1992|1999|2020|Bishkek,Osh,Jalal-Abad
MDA|2000-11-24||en|1|2019|63|49|9.4|1999/16|2002|2000|1993||Chișinău,Bălți,Cahul
ROU|2000-04-11||en|1|2000|70|40|1.5|1975/16|2000|1957|1998||Bucharest,Iași,Craiova
TJK|2005-06-13||ru|1|2005|200|120|10.0|1993/16|2005|1993|1999|2020|Dushanbe,Khujand,Kulob
TUR|1992-10-19||en|4|2019|720|500|4.4|1998/15|2001|1998|1961||Ankara,Istanbul,Adana,Şanlıurfa,Diyarbakır
UKR|2000-09-14||ru|2|2014|380|180|4.3|1979/16|2000|1956|2000||Kyiv,Kharkiv,Odesa
UZB|2008-04-22||ru|1|2019|45|30|0.5|2009/15|2008|1992|1997|2022|Tashkent,Samarkand,Fergana,Nukus
"""

# How the demo's titles name a country, where the ISO short name does not read well in a sentence.
DISPLAY_NAMES = {
    "BOL": "Bolivia",
    "COD": "the Democratic Republic of the Congo",
    "DOM": "the Dominican Republic",
    "LAO": "the Lao People's Democratic Republic",
    "MDA": "the Republic of Moldova",
    "PHL": "the Philippines",
    "PSE": "the occupied Palestinian territory",
    "SYR": "the Syrian Arab Republic",
    "TZA": "the United Republic of Tanzania",
    "VNM": "Viet Nam",
    "VEN": "Venezuela",
}

# ISO3 -> ILO region code, for the countries above (the database has it for every country;
# the plan is pure Python, so it keeps its own copy and a test checks both agree).
REGION_OF = {
    **dict.fromkeys(
        "BEN BFA BDI CMR CIV COD EGY ETH GAB GHA GIN KEN LSO LBR MDG MWI MLI MAR MOZ NAM NER NGA RWA SEN SLE ZAF "
        "SWZ TZA TGO TUN UGA ZMB ZWE BWA SDN".split(),
        "africa",
    ),
    **dict.fromkeys(
        "ARG BLZ BOL BRA CHL COL CRI DOM ECU SLV GTM GUY HTI HND JAM MEX NIC PAN PRY PER TTO URY VEN SUR".split(),
        "americas",
    ),
    **dict.fromkeys("IRQ JOR LBN PSE SYR YEM".split(), "arab-states"),
    **dict.fromkeys(
        "AFG BGD KHM CHN FJI IND IDN LAO MNG MMR NPL PAK PNG PHL LKA THA TLS VNM MYS".split(), "asia-pacific"
    ),
    **dict.fromkeys("ALB ARM AZE BGR GEO KAZ KGZ MDA ROU TJK TUR UKR UZB".split(), "europe-central-asia"),
}

CONVENTION_COLUMNS = ("C138", "C182", "C29", "C105", "P29")


@dataclass(frozen=True)
class RatificationFact:
    convention: str
    ratified_on: datetime.date
    minimum_age: int | None
    denounced: bool


@dataclass(frozen=True)
class CountryFact:
    iso3: str
    region: str
    display_name: str
    mou_signed_on: datetime.date
    mou_valid_until: datetime.date | None
    language: str
    weight: int
    survey_year: int | None
    children_in_child_labour: int | None
    children_in_hazardous_work: int | None
    child_labour_rate: Decimal | None
    ratifications: tuple[RatificationFact, ...]
    cities: tuple[str, ...]


def _derived_date(year: int, *salt: object) -> datetime.date:
    number = stable_int(year, *salt)
    return datetime.date(year, 1 + number % 12, 1 + (number >> 8) % 28)


def _ratification(iso3: str, convention: str, cell: str) -> RatificationFact | None:
    if not cell:
        return None
    cell, _, age = cell.partition("/")
    denounced = cell.endswith("D")
    cell = cell.rstrip("D")
    if "-" in cell:  # year-month
        year, month = (int(x) for x in cell.split("-"))
        ratified_on = datetime.date(year, month, 1 + stable_int(iso3, convention) % 28)
    else:
        ratified_on = _derived_date(int(cell), iso3, convention)
    return RatificationFact(convention, ratified_on, int(age) if age else None, denounced)


def _parse_countries() -> dict[str, CountryFact]:
    facts = {}
    for line in _COUNTRIES.strip().splitlines():
        iso3, signed, until, lang, weight, survey, in_cl, hazardous, rate, *conventions, cities = line.split("|")
        ratifications = tuple(
            r
            for conv, cell in zip(CONVENTION_COLUMNS, conventions, strict=True)
            if (r := _ratification(iso3, conv, cell))
        )
        facts[iso3] = CountryFact(
            iso3=iso3,
            region=REGION_OF[iso3],
            display_name=DISPLAY_NAMES.get(iso3, ""),
            mou_signed_on=datetime.date.fromisoformat(signed),
            mou_valid_until=datetime.date.fromisoformat(until) if until else None,
            language=lang,
            weight=int(weight),
            survey_year=int(survey) if survey else None,
            children_in_child_labour=int(float(in_cl) * 1000) if in_cl else None,
            children_in_hazardous_work=int(float(hazardous) * 1000) if hazardous else None,
            child_labour_rate=Decimal(rate) if rate else None,
            ratifications=ratifications,
            cities=tuple(cities.split(",")),
        )
    return facts


COUNTRIES: dict[str, CountryFact] = _parse_countries()

# Country names as the plan writes them in titles (the database's own names are used elsewhere).
COUNTRY_NAMES = {
    "BEN": "Benin", "BFA": "Burkina Faso", "BDI": "Burundi", "CMR": "Cameroon", "CIV": "Côte d'Ivoire",
    "COD": "the Democratic Republic of the Congo", "EGY": "Egypt", "ETH": "Ethiopia", "GAB": "Gabon", "GHA": "Ghana",
    "GIN": "Guinea", "KEN": "Kenya", "LSO": "Lesotho", "LBR": "Liberia", "MDG": "Madagascar", "MWI": "Malawi",
    "MLI": "Mali", "MAR": "Morocco", "MOZ": "Mozambique", "NAM": "Namibia", "NER": "Niger", "NGA": "Nigeria",
    "RWA": "Rwanda", "SEN": "Senegal", "SLE": "Sierra Leone", "ZAF": "South Africa", "SWZ": "Eswatini",
    "TZA": "the United Republic of Tanzania", "TGO": "Togo", "TUN": "Tunisia", "UGA": "Uganda", "ZMB": "Zambia",
    "ZWE": "Zimbabwe", "BWA": "Botswana", "SDN": "Sudan", "ARG": "Argentina", "BLZ": "Belize", "BOL": "Bolivia",
    "BRA": "Brazil", "CHL": "Chile", "COL": "Colombia", "CRI": "Costa Rica", "DOM": "the Dominican Republic",
    "ECU": "Ecuador", "SLV": "El Salvador", "GTM": "Guatemala", "GUY": "Guyana", "HTI": "Haiti", "HND": "Honduras",
    "JAM": "Jamaica", "MEX": "Mexico", "NIC": "Nicaragua", "PAN": "Panama", "PRY": "Paraguay", "PER": "Peru",
    "TTO": "Trinidad and Tobago", "URY": "Uruguay", "VEN": "Venezuela", "SUR": "Suriname", "IRQ": "Iraq",
    "JOR": "Jordan", "LBN": "Lebanon", "PSE": "the occupied Palestinian territory", "SYR": "the Syrian Arab Republic",
    "YEM": "Yemen", "AFG": "Afghanistan", "BGD": "Bangladesh", "KHM": "Cambodia", "CHN": "China", "FJI": "Fiji",
    "IND": "India", "IDN": "Indonesia", "LAO": "the Lao People's Democratic Republic", "MNG": "Mongolia",
    "MMR": "Myanmar", "NPL": "Nepal", "PAK": "Pakistan", "PNG": "Papua New Guinea", "PHL": "the Philippines",
    "LKA": "Sri Lanka", "THA": "Thailand", "TLS": "Timor-Leste", "VNM": "Viet Nam", "MYS": "Malaysia",
    "ALB": "Albania", "ARM": "Armenia", "AZE": "Azerbaijan", "BGR": "Bulgaria", "GEO": "Georgia", "KAZ": "Kazakhstan",
    "KGZ": "Kyrgyzstan", "MDA": "the Republic of Moldova", "ROU": "Romania", "TJK": "Tajikistan", "TUR": "Türkiye",
    "UKR": "Ukraine", "UZB": "Uzbekistan",
}  # fmt: skip
# In French and Spanish titles.
COUNTRY_NAMES_FR = {
    "BEN": "au Bénin", "BFA": "au Burkina Faso", "BDI": "au Burundi", "CMR": "au Cameroun", "CIV": "en Côte d'Ivoire",
    "COD": "en République démocratique du Congo", "GAB": "au Gabon", "GIN": "en Guinée", "MDG": "à Madagascar",
    "MLI": "au Mali", "MAR": "au Maroc", "NER": "au Niger", "RWA": "au Rwanda", "SEN": "au Sénégal", "TGO": "au Togo",
    "TUN": "en Tunisie", "HTI": "en Haïti",
}  # fmt: skip
COUNTRY_NAMES_ES = {
    "ARG": "Argentina", "BOL": "Bolivia", "CHL": "Chile", "COL": "Colombia", "CRI": "Costa Rica",
    "DOM": "República Dominicana", "ECU": "Ecuador", "SLV": "El Salvador", "GTM": "Guatemala", "HND": "Honduras",
    "MEX": "México", "NIC": "Nicaragua", "PAN": "Panamá", "PRY": "Paraguay", "PER": "Perú", "URY": "Uruguay",
    "VEN": "Venezuela",
}  # fmt: skip

# Countries where conflict or a coup stopped projects, with the date it happened.
DISRUPTIONS: dict[str, list[tuple[datetime.date, str]]] = {
    "HTI": [(datetime.date(2010, 1, 12), "Earthquake of 12 January 2010: activities suspended.")],
    "SYR": [(datetime.date(2011, 5, 2), "Activities suspended because of the armed conflict.")],
    "MLI": [
        (datetime.date(2012, 3, 22), "Suspended after the coup d'état of 22 March 2012."),
        (datetime.date(2020, 8, 18), "Suspended after the military takeover of August 2020."),
    ],
    "SSD": [(datetime.date(2013, 12, 15), "Suspended: outbreak of conflict.")],
    "YEM": [(datetime.date(2015, 3, 26), "Suspended: escalation of the armed conflict.")],
    "ETH": [(datetime.date(2020, 11, 4), "Field activities in the northern regions suspended (conflict).")],
    "MMR": [(datetime.date(2021, 2, 1), "Suspended after the military takeover of 1 February 2021.")],
    "AFG": [(datetime.date(2021, 8, 15), "Suspended after the change of authorities in August 2021.")],
    "BFA": [(datetime.date(2022, 1, 24), "Suspended after the military takeover of January 2022.")],
    "SDN": [(datetime.date(2023, 4, 15), "Suspended: armed conflict since 15 April 2023.")],
    "NER": [(datetime.date(2023, 7, 26), "Suspended after the military takeover of July 2023.")],
}

# --------------------------------------------------------------------------------------
# Tripartite constituents: the ministry in charge of labour, the employers' and the
# workers' organisation most involved in child-labour work. Other countries get the
# generic names of GENERIC_CONSTITUENTS in their language.
CONSTITUENTS: dict[str, tuple[tuple[str, str], tuple[str, str], tuple[str, str]]] = {
    "IND": (("Ministry of Labour and Employment", "MoLE"), ("Employers' Federation of India", "EFI"), ("Indian National Trade Union Congress", "INTUC")),
    "BGD": (("Ministry of Labour and Employment", "MoLE"), ("Bangladesh Employers' Federation", "BEF"), ("National Coordination Committee for Workers' Education", "NCCWE")),
    "NPL": (("Ministry of Labour, Employment and Social Security", "MoLESS"), ("Federation of Nepalese Chambers of Commerce and Industry", "FNCCI"), ("General Federation of Nepalese Trade Unions", "GEFONT")),
    "PAK": (("Ministry of Overseas Pakistanis and Human Resource Development", "MOPHRD"), ("Employers' Federation of Pakistan", "EFP"), ("Pakistan Workers' Federation", "PWF")),
    "LKA": (("Ministry of Labour", ""), ("Employers' Federation of Ceylon", "EFC"), ("Ceylon Workers' Congress", "CWC")),
    "PHL": (("Department of Labor and Employment", "DOLE"), ("Employers Confederation of the Philippines", "ECOP"), ("Trade Union Congress of the Philippines", "TUCP")),
    "IDN": (("Ministry of Manpower", "Kemnaker"), ("Employers' Association of Indonesia", "APINDO"), ("Confederation of Indonesia Prosperity Trade Union", "KSBSI")),
    "THA": (("Ministry of Labour", "MOL"), ("Employers' Confederation of Thailand", "ECOT"), ("Labour Congress of Thailand", "LCT")),
    "KHM": (("Ministry of Labour and Vocational Training", "MoLVT"), ("Cambodian Federation of Employers and Business Associations", "CAMFEBA"), ("Cambodian Labour Confederation", "CLC")),
    "VNM": (("Ministry of Labour, Invalids and Social Affairs", "MOLISA"), ("Viet Nam Chamber of Commerce and Industry", "VCCI"), ("Viet Nam General Confederation of Labour", "VGCL")),
    "MNG": (("Ministry of Labour and Social Protection", "MLSP"), ("Mongolian Employers' Federation", "MONEF"), ("Confederation of Mongolian Trade Unions", "CMTU")),
    "MMR": (("Ministry of Labour", ""), ("Union of Myanmar Federation of Chambers of Commerce and Industry", "UMFCCI"), ("Confederation of Trade Unions Myanmar", "CTUM")),
    "KEN": (("Ministry of Labour and Social Protection", ""), ("Federation of Kenya Employers", "FKE"), ("Central Organization of Trade Unions (Kenya)", "COTU-K")),
    "TZA": (("Ministry of Labour, Employment and Youth Development", ""), ("Association of Tanzania Employers", "ATE"), ("Trade Union Congress of Tanzania", "TUCTA")),
    "UGA": (("Ministry of Gender, Labour and Social Development", "MGLSD"), ("Federation of Uganda Employers", "FUE"), ("National Organisation of Trade Unions", "NOTU")),
    "GHA": (("Ministry of Employment and Labour Relations", "MELR"), ("Ghana Employers' Association", "GEA"), ("Ghana Trades Union Congress", "GTUC")),
    "NGA": (("Federal Ministry of Labour and Employment", "FMLE"), ("Nigeria Employers' Consultative Association", "NECA"), ("Nigeria Labour Congress", "NLC")),
    "ETH": (("Ministry of Labour and Skills", "MoLS"), ("Ethiopian Employers' Federation", "EEF"), ("Confederation of Ethiopian Trade Unions", "CETU")),
    "ZMB": (("Ministry of Labour and Social Security", "MLSS"), ("Zambia Federation of Employers", "ZFE"), ("Zambia Congress of Trade Unions", "ZCTU")),
    "MWI": (("Ministry of Labour", ""), ("Employers' Consultative Association of Malawi", "ECAM"), ("Malawi Congress of Trade Unions", "MCTU")),
    "ZAF": (("Department of Employment and Labour", "DEL"), ("Business Unity South Africa", "BUSA"), ("Congress of South African Trade Unions", "COSATU")),
    "ZWE": (("Ministry of Public Service, Labour and Social Welfare", "MoPSLSW"), ("Employers' Confederation of Zimbabwe", "EMCOZ"), ("Zimbabwe Congress of Trade Unions", "ZCTU")),
    "EGY": (("Ministry of Manpower", ""), ("Federation of Egyptian Industries", "FEI"), ("Egyptian Trade Union Federation", "ETUF")),
    "CIV": (("Ministère de l'Emploi et de la Protection sociale", ""), ("Confédération Générale des Entreprises de Côte d'Ivoire", "CGECI"), ("Union Générale des Travailleurs de Côte d'Ivoire", "UGTCI")),
    "MLI": (("Ministère du Travail et de la Fonction publique", ""), ("Conseil National du Patronat du Mali", "CNPM"), ("Union Nationale des Travailleurs du Mali", "UNTM")),
    "BFA": (("Ministère de la Fonction publique, du Travail et de la Protection sociale", ""), ("Conseil National du Patronat Burkinabè", "CNPB"), ("Confédération Générale du Travail du Burkina", "CGT-B")),
    "SEN": (("Ministère du Travail, de l'Emploi et des Relations avec les Institutions", ""), ("Conseil National du Patronat du Sénégal", "CNP"), ("Confédération Nationale des Travailleurs du Sénégal", "CNTS")),
    "MAR": (("Ministère de l'Inclusion économique, de la Petite entreprise, de l'Emploi et des Compétences", ""), ("Confédération Générale des Entreprises du Maroc", "CGEM"), ("Union Marocaine du Travail", "UMT")),
    "MDG": (("Ministère du Travail, de l'Emploi et de la Fonction publique", "MTEFP"), ("Groupement des Entreprises de Madagascar", "GEM"), ("Confédération des Travailleurs Malagasy", "CTM")),
    "BEN": (("Ministère du Travail et de la Fonction publique", "MTFP"), ("Conseil National du Patronat du Bénin", "CNP-Bénin"), ("Confédération des Syndicats Autonomes du Bénin", "CSA-Bénin")),
    "TGO": (("Ministère de la Fonction publique, du Travail et du Dialogue social", ""), ("Conseil National du Patronat du Togo", "CNP-Togo"), ("Confédération Syndicale des Travailleurs du Togo", "CSTT")),
    "CMR": (("Ministère du Travail et de la Sécurité sociale", "MINTSS"), ("Groupement Inter-Patronal du Cameroun", "GICAM"), ("Confédération Syndicale des Travailleurs du Cameroun", "CSTC")),
    "BRA": (("Ministério do Trabalho e Emprego", "MTE"), ("Confederação Nacional da Indústria", "CNI"), ("Central Única dos Trabalhadores", "CUT")),
    "MEX": (("Secretaría del Trabajo y Previsión Social", "STPS"), ("Confederación Patronal de la República Mexicana", "COPARMEX"), ("Confederación de Trabajadores de México", "CTM")),
    "PER": (("Ministerio de Trabajo y Promoción del Empleo", "MTPE"), ("Confederación Nacional de Instituciones Empresariales Privadas", "CONFIEP"), ("Confederación General de Trabajadores del Perú", "CGTP")),
    "COL": (("Ministerio del Trabajo", "MinTrabajo"), ("Asociación Nacional de Empresarios de Colombia", "ANDI"), ("Central Unitaria de Trabajadores de Colombia", "CUT")),
    "BOL": (("Ministerio de Trabajo, Empleo y Previsión Social", ""), ("Confederación de Empresarios Privados de Bolivia", "CEPB"), ("Central Obrera Boliviana", "COB")),
    "ECU": (("Ministerio del Trabajo", ""), ("Federación Nacional de Cámaras de Industrias del Ecuador", ""), ("Confederación Ecuatoriana de Organizaciones Sindicales Libres", "CEOSL")),
    "GTM": (("Ministerio de Trabajo y Previsión Social", "MINTRAB"), ("Comité Coordinador de Asociaciones Agrícolas, Comerciales, Industriales y Financieras", "CACIF"), ("Confederación General de Trabajadores de Guatemala", "CGTG")),
    "SLV": (("Ministerio de Trabajo y Previsión Social", "MTPS"), ("Asociación Nacional de la Empresa Privada", "ANEP"), ("Confederación Sindical de Trabajadores y Trabajadoras de El Salvador", "CSTS")),
    "HND": (("Secretaría de Trabajo y Seguridad Social", "STSS"), ("Consejo Hondureño de la Empresa Privada", "COHEP"), ("Confederación de Trabajadores de Honduras", "CTH")),
    "NIC": (("Ministerio del Trabajo", "MITRAB"), ("Consejo Superior de la Empresa Privada", "COSEP"), ("Central Sandinista de Trabajadores", "CST")),
    "DOM": (("Ministerio de Trabajo", ""), ("Confederación Patronal de la República Dominicana", "COPARDOM"), ("Confederación Nacional de Unidad Sindical", "CNUS")),
    "PRY": (("Ministerio de Trabajo, Empleo y Seguridad Social", "MTESS"), ("Federación de la Producción, la Industria y el Comercio", "FEPRINCO"), ("Central Unitaria de Trabajadores Auténtica", "CUT-A")),
    "ARG": (("Ministerio de Trabajo, Empleo y Seguridad Social", ""), ("Unión Industrial Argentina", "UIA"), ("Confederación General del Trabajo de la República Argentina", "CGT")),
    "CHL": (("Ministerio del Trabajo y Previsión Social", ""), ("Confederación de la Producción y del Comercio", "CPC"), ("Central Unitaria de Trabajadores de Chile", "CUT Chile")),
    "JOR": (("Ministry of Labour", "MoL"), ("Jordan Chamber of Industry", "JCI"), ("General Federation of Jordanian Trade Unions", "GFJTU")),
    "LBN": (("Ministry of Labour", "MoL"), ("Association of Lebanese Industrialists", "ALI"), ("General Confederation of Lebanese Workers", "CGTL")),
    "YEM": (("Ministry of Social Affairs and Labour", "MoSAL"), ("Federation of Yemen Chambers of Commerce and Industry", "FYCCI"), ("General Federation of Workers' Trade Unions of Yemen", "GFWTUY")),
    "TUR": (("Ministry of Labour and Social Security", "ÇSGB"), ("Turkish Confederation of Employer Associations", "TİSK"), ("Confederation of Turkish Trade Unions", "TÜRK-İŞ")),
    "ALB": (("Ministry of Finance and Economy", ""), ("Business Albania", ""), ("Confederation of Trade Unions of Albania", "KSSH")),
    "UKR": (("Ministry of Social Policy", ""), ("Federation of Employers of Ukraine", "FEU"), ("Federation of Trade Unions of Ukraine", "FPU")),
    "UZB": (("Ministry of Employment and Poverty Reduction", ""), ("Confederation of Employers of Uzbekistan", "CEU"), ("Federation of Trade Unions of Uzbekistan", "FTUU")),
    "KAZ": (("Ministry of Labour and Social Protection of Population", ""), ("National Confederation of Employers of Kazakhstan", "NCE"), ("Federation of Trade Unions of the Republic of Kazakhstan", "FPRK")),
}  # fmt: skip

GENERIC_CONSTITUENTS = {
    "en": ("Ministry of Labour", "National Employers' Federation", "National Trade Union Congress"),
    "fr": ("Ministère du Travail", "Conseil National du Patronat", "Confédération Nationale des Travailleurs"),
    "es": ("Ministerio de Trabajo", "Confederación Nacional de Empresarios", "Central Nacional de Trabajadores"),
    "pt": ("Ministério do Trabalho", "Confederação Nacional dos Empregadores", "Organização dos Trabalhadores"),
    "ar": ("Ministry of Labour", "Chamber of Industry", "General Federation of Trade Unions"),
    "ru": ("Ministry of Labour and Social Protection", "Confederation of Employers", "Federation of Trade Unions"),
}

# The National Steering Committee on which the workers' organisation has not taken its seat:
# HQ's list flags a committee that lacks one of the three constituents.
NSC_WITHOUT_WORKERS = "GAB"

FOCAL_POINT_ROLES = {
    "en": "Director, Child Labour Unit, {ministry}",
    "fr": "Directeur de la lutte contre le travail des enfants, {ministry}",
    "es": "Dirección de Prevención y Erradicación del Trabajo Infantil, {ministry}",
    "pt": "Coordenação de Combate ao Trabalho Infantil, {ministry}",
    "ar": "Head, Child Labour Unit, {ministry}",
    "ru": "Head of Department on Child Labour, {ministry}",
}

# --------------------------------------------------------------------------------------
# Donors: (ILO donor code, organisation, acronym, partner type, country ISO3 or None for
# an international body, weight in the portfolio).
DONORS = [
    ("USA", "United States Department of Labor", "USDOL", "donor-agency", "USA", 40),
    ("GER", "Federal Ministry for Economic Cooperation and Development (Germany)", "BMZ", "donor-agency", "DEU", 6),
    ("NET", "Ministry of Foreign Affairs of the Netherlands", "", "donor-agency", "NLD", 8),
    ("NOR", "Norwegian Agency for Development Cooperation", "Norad", "donor-agency", "NOR", 6),
    ("UKM", "Department for International Development (United Kingdom)", "DFID", "donor-agency", "GBR", 5),
    ("FRA", "Ministry for Europe and Foreign Affairs (France)", "MEAE", "donor-agency", "FRA", 4),
    ("SPA", "Spanish Agency for International Development Cooperation", "AECID", "donor-agency", "ESP", 4),
    ("ITA", "Ministry of Foreign Affairs and International Cooperation (Italy)", "MAECI", "donor-agency", "ITA", 3),
    ("JPN", "Ministry of Health, Labour and Welfare (Japan)", "MHLW", "donor-agency", "JPN", 3),
    ("CAN", "Canadian International Development Agency", "CIDA", "donor-agency", "CAN", 4),
    ("DEN", "Danish International Development Agency", "Danida", "donor-agency", "DNK", 3),
    ("SWE", "Swedish International Development Cooperation Agency", "Sida", "donor-agency", "SWE", 3),
    ("BEL", "Belgian Development Cooperation", "DGD", "donor-agency", "BEL", 2),
    ("EEC", "European Commission", "EC", "donor-agency", None, 8),
    ("AUS", "Australian Agency for International Development", "AusAID", "donor-agency", "AUS", 2),
    ("FIN", "Ministry for Foreign Affairs of Finland", "", "donor-agency", "FIN", 1),
    ("SWI", "State Secretariat for Economic Affairs (Switzerland)", "SECO", "donor-agency", "CHE", 1),
    ("IRL", "Irish Aid", "", "donor-agency", "IRL", 1),
    ("JTI", "Japan Tobacco International", "JTI", "private-business", "CHE", 0),
]
# The founder and the largest donor (DESIGN.md): Germany's 1991 agreement; the US Department of Labor.
FOUNDING_DONOR = "GER"
LARGEST_DONOR = "USA"

# --------------------------------------------------------------------------------------
# Partners by type: (name, acronym, type code, country ISO3 or None for international).
INTERNATIONAL_PARTNERS = [
    ("International Labour Organization", "ILO", "international", None),
    ("United Nations Children's Fund", "UNICEF", "international", None),
    ("United Nations Educational, Scientific and Cultural Organization", "UNESCO", "international", None),
    ("Food and Agriculture Organization of the United Nations", "FAO", "international", None),
    ("International Organization for Migration", "IOM", "international", None),
    ("United Nations Office on Drugs and Crime", "UNODC", "international", None),
    ("United Nations Development Programme", "UNDP", "international", None),
    ("World Bank", "", "international", None),
    ("International Organisation of Employers", "IOE", "employers", None),
    ("International Trade Union Confederation", "ITUC", "workers", None),
    ("Education International", "EI", "workers", None),
    (
        "International Union of Food, Agricultural, Hotel, Restaurant, Catering, Tobacco and Allied Workers' Associations",
        "IUF",
        "workers",
        None,
    ),
    ("Understanding Children's Work Programme", "UCW", "research", None),
    ("Inter-Parliamentary Union", "IPU", "parliament", None),
    ("International Association of Women Judges", "IAWJ", "judiciary", None),
    ("Religions for Peace", "", "religious", None),
    ("Global March Against Child Labour", "", "other", None),
    ("Save the Children International", "", "ngo", None),
    ("Plan International", "", "ngo", None),
    ("Terre des hommes International Federation", "TDHIF", "ngo", None),
    ("World Vision International", "", "ngo", None),
    ("Winrock International", "", "ngo", "USA"),
    ("Anti-Slavery International", "", "ngo", "GBR"),
    ("International Cocoa Initiative", "ICI", "other", "CHE"),
    ("Fafo Research Foundation", "Fafo", "research", "NOR"),
    ("BBC Media Action", "", "media", "GBR"),
]

NATIONAL_PARTNERS = [
    ("Pratham", "", "ngo", "IND"),
    ("Bachpan Bachao Andolan", "BBA", "ngo", "IND"),
    ("V.V. Giri National Labour Institute", "VVGNLI", "research", "IND"),
    ("National Commission for Protection of Child Rights", "NCPCR", "government", "IND"),
    ("National Judicial Academy", "NJA", "judiciary", "IND"),
    ("Prasar Bharati", "", "media", "IND"),
    ("BRAC", "", "ngo", "BGD"),
    ("Underprivileged Children's Educational Programs", "UCEP", "ngo", "BGD"),
    ("Bangladesh Garment Manufacturers and Exporters Association", "BGMEA", "employers", "BGD"),
    ("Bangladesh Bureau of Statistics", "BBS", "government", "BGD"),
    ("Child Workers in Nepal Concerned Centre", "CWIN", "ngo", "NPL"),
    ("Central Bureau of Statistics (Nepal)", "CBS", "government", "NPL"),
    ("Sialkot Chamber of Commerce and Industry", "SCCI", "employers", "PAK"),
    ("Bunyad Literacy Community Council", "", "ngo", "PAK"),
    ("Pakistan Bureau of Statistics", "PBS", "government", "PAK"),
    ("Visayan Forum Foundation", "VFF", "ngo", "PHL"),
    ("Department of Social Welfare and Development", "DSWD", "government", "PHL"),
    ("Sugar Industry Foundation", "SIFI", "private-business", "PHL"),
    ("Statistics Indonesia", "BPS", "government", "IDN"),
    ("Foundation for Child Development", "FCD", "ngo", "THA"),
    ("Labour Rights Promotion Network Foundation", "LPN", "ngo", "THA"),
    ("African Network for the Prevention and Protection against Child Abuse and Neglect (Kenya)", "ANPPCAN", "ngo", "KEN"),
    ("Kenya Tea Development Agency", "KTDA", "private-business", "KEN"),
    ("Inter-Religious Council of Kenya", "IRCK", "religious", "KEN"),
    ("University of Nairobi", "", "research", "KEN"),
    ("Kenya Broadcasting Corporation", "KBC", "media", "KEN"),
    ("Kiota Women Health and Development Organisation", "KIWOHEDE", "ngo", "TZA"),
    ("Tanzania Plantation and Agricultural Workers' Union", "TPAWU", "workers", "TZA"),
    ("Kids in Need", "KIN", "ngo", "UGA"),
    ("Ghana Cocoa Board", "COCOBOD", "government", "GHA"),
    ("Parliament of Ghana – Select Committee on Employment, Social Welfare and State Enterprises", "", "parliament", "GHA"),
    ("Ghana Statistical Service", "GSS", "government", "GHA"),
    ("General Agricultural Workers' Union of Ghana", "GAWU", "workers", "GHA"),
    ("Conseil du Café-Cacao", "CCC", "government", "CIV"),
    ("Institut National de la Statistique de Côte d'Ivoire", "INS", "government", "CIV"),
    ("Fundação Abrinq", "", "ngo", "BRA"),
    ("Fórum Nacional de Prevenção e Erradicação do Trabalho Infantil", "FNPETI", "other", "BRA"),
    ("Instituto Brasileiro de Geografia e Estatística", "IBGE", "government", "BRA"),
    ("Ministério Público do Trabalho", "MPT", "judiciary", "BRA"),
    ("Instituto Nacional de Estadística e Informática", "INEI", "government", "PER"),
    ("Centro de Estudios Sociales y Publicaciones", "CESIP", "ngo", "PER"),
    ("Sistema Nacional para el Desarrollo Integral de la Familia", "DIF", "government", "MEX"),
    ("Fundación Telefónica", "", "private-business", "COL"),
    ("Turkish Statistical Institute", "TurkStat", "government", "TUR"),
    ("Hacettepe University", "", "research", "TUR"),
]  # fmt: skip

# Generic partner names, by type and language, for countries without named ones; {city}, {country}.
PARTNER_TEMPLATES: dict[str, dict[str, list[str]]] = {
    "ngo": {
        "en": ["Society for the Protection of Working Children, {city}", "{city} Child Rights Network", "Rural Children's Education Trust, {city}", "Women and Children Welfare Association, {city}"],
        "fr": ["Association pour la Promotion de l'Enfance, {city}", "ONG Enfance et Avenir, {city}", "Association des Femmes pour l'Éducation des Enfants, {city}"],
        "es": ["Fundación Niñez y Futuro, {city}", "Asociación Pro Derechos de la Niñez, {city}", "Centro de Apoyo a la Niñez Trabajadora, {city}"],
        "pt": ["Associação Criança Cidadã, {city}", "Centro de Defesa dos Direitos da Criança, {city}"],
    },
    "cbo": {
        "en": ["Community Child Labour Committee, {city}", "{city} Women's Self-Help Group Federation", "Parents' Association for Schooling, {city}"],
        "fr": ["Comité villageois de lutte contre le travail des enfants, {city}", "Groupement féminin de {city}"],
        "es": ["Comité comunitario de protección de la niñez, {city}", "Asociación de madres y padres de familia de {city}"],
        "pt": ["Associação Comunitária de {city}"],
    },
    "government": {
        "en": ["Ministry of Education", "National Statistics Office", "Ministry of Women and Children's Affairs"],
        "fr": ["Ministère de l'Éducation nationale", "Institut National de la Statistique", "Ministère de la Femme et de l'Enfant"],
        "es": ["Ministerio de Educación", "Instituto Nacional de Estadística", "Instituto de la Niñez y la Familia"],
        "pt": ["Ministério da Educação", "Instituto Nacional de Estatística"],
    },
    "media": {
        "en": ["Radio {city} FM", "{city} Community Radio"],
        "fr": ["Radio communautaire de {city}"],
        "es": ["Radio Comunitaria {city}"],
        "pt": ["Rádio Comunitária de {city}"],
    },
    "parliament": {
        "en": ["Parliamentary Committee on Labour and Social Affairs"],
        "fr": ["Assemblée nationale – Commission des affaires sociales"],
        "es": ["Comisión de Trabajo y Previsión Social del Congreso"],
        "pt": ["Assembleia da República – Comissão de Trabalho"],
    },
    "judiciary": {
        "en": ["Judicial Training Institute"],
        "fr": ["École nationale de la magistrature"],
        "es": ["Escuela Judicial"],
        "pt": ["Centro de Formação Jurídica e Judiciária"],
    },
    "research": {
        "en": ["University of {city}"],
        "fr": ["Université de {city}"],
        "es": ["Universidad Nacional de {city}"],
        "pt": ["Universidade de {city}"],
    },
    "religious": {
        "en": ["Inter-Faith Council for Children, {city}"],
        "fr": ["Conseil interconfessionnel de {city}"],
        "es": ["Pastoral Social de la Niñez, {city}"],
        "pt": ["Pastoral da Criança, {city}"],
    },
    "private-business": {
        "en": ["{city} Tea and Cocoa Traders Ltd", "{city} Brick Manufacturers Ltd"],
        "fr": ["Compagnie agricole de {city}"],
        "es": ["Agroexportadora {city} S.A."],
        "pt": ["Cooperativa Agroindustrial de {city}"],
    },
    "other": {
        "en": ["National Child Rights Coalition"],
        "fr": ["Coalition nationale pour les droits de l'enfant"],
        "es": ["Red Nacional por los Derechos de la Niñez"],
        "pt": ["Rede Nacional pelos Direitos da Criança"],
    },
    "employers": {
        "en": ["{city} Chamber of Commerce and Industry"],
        "fr": ["Chambre de commerce et d'industrie de {city}"],
        "es": ["Cámara de Comercio de {city}"],
        "pt": ["Associação Comercial de {city}"],
    },
    "workers": {
        "en": ["Agricultural and Plantation Workers' Union, {city}"],
        "fr": ["Syndicat des travailleurs agricoles de {city}"],
        "es": ["Sindicato de Trabajadores Agrícolas de {city}"],
        "pt": ["Sindicato dos Trabalhadores Rurais de {city}"],
    },
}  # fmt: skip


def text_language(language: str) -> str:
    """The language the demo writes a country's texts in: French, Spanish, or English."""
    return language if language in ("fr", "es") else "en"


def template_language(language: str) -> str:
    return language if language in ("fr", "es", "pt") else "en"


# --------------------------------------------------------------------------------------
# People (fictional). The four sign-in accounts, then staff who appear in the portfolio
# without signing in: (username, first name, last name, role, organisation).
LOGIN_USERS = [
    ("hq", "Marta", "Lindqvist", "hq", "ILO FUNDAMENTALS/IPEC+, Geneva"),
    ("cta", "Arjun", "Mehta", "cta", "ILO Country Office for India, New Delhi"),
    ("evaluator", "Claire", "Dubois", "evaluator", "Independent evaluation consultant"),
    ("viewer", "David", "Okafor", "viewer", "ILO Partnerships and Field Support, Geneva"),
]
HQ_STAFF = [
    ("k.mensah", "Kofi", "Mensah"),
    ("s.martinez", "Sofía", "Martínez"),
    ("h.nakamura", "Hiroshi", "Nakamura"),
    ("a.durand", "Amélie", "Durand"),
    ("p.oconnor", "Patrick", "O'Connor"),
    ("l.haddad", "Leila", "Haddad"),
    ("i.petrova", "Irina", "Petrova"),
]
# Chief technical advisers, with the ILO region they work in.
CTA_STAFF = [
    ("n.rao", "Nirmala", "Rao", "asia-pacific"),
    ("j.ouedraogo", "Jean-Baptiste", "Ouédraogo", "africa"),
    ("c.lopez", "Carmen", "López", "americas"),
    ("a.hassan", "Ahmed", "Hassan", "arab-states"),
    ("t.lan", "Thi Lan", "Tran", "asia-pacific"),
    ("m.wanjiru", "Mary", "Wanjiru", "africa"),
    ("r.silva", "Rafael", "Silva", "americas"),
    ("f.diallo", "Fatoumata", "Diallo", "africa"),
    ("s.karki", "Sunil", "Karki", "asia-pacific"),
    ("g.quispe", "Gloria", "Quispe", "americas"),
    ("e.santos", "Elena", "Santos", "asia-pacific"),
    ("b.yilmaz", "Burak", "Yılmaz", "europe-central-asia"),
    ("o.adeyemi", "Olumide", "Adeyemi", "africa"),
    ("r.begum", "Rokeya", "Begum", "asia-pacific"),
    ("r.khoury", "Rania", "Khoury", "arab-states"),
    ("a.nazarova", "Aida", "Nazarova", "europe-central-asia"),
]
EVALUATOR_STAFF = [
    ("h.mwangi", "Helen", "Mwangi"),
    ("p.garcia", "Pablo", "García"),
    ("m.traore", "Moussa", "Traoré"),
    ("k.sharma", "Kavita", "Sharma"),
    ("j.weber", "Johanna", "Weber"),
]
# First and last names for the extra staff of a large generated portfolio.
FIRST_NAMES = "Amina Bao Carlos Dina Emeka Farida Gustavo Hana Ibrahim Julia Kwame Lucía Mehmet Nadia Omar Priya Quentin Rosa Samuel Tamara Usman Valeria Wei Ximena Yusuf Zainab".split()
LAST_NAMES = "Abebe Banda Chowdhury Da Silva Eze Fernández Gómez Hossain Ibrahimović Jovanović Kamau Lungu Mahmoud Nguyen Okonkwo Pereira Qureshi Rahman Sow Tembo Uddin Vargas Wójcik Xu Yadav Zulu".split()

# --------------------------------------------------------------------------------------
# Regions of regional projects: code prefix, title phrase, member countries.
REGIONAL_SCOPES = [
    ("RAF", "West Africa", "BEN BFA CIV GHA MLI NER NGA SEN TGO".split()),
    ("RAF", "East Africa", "ETH KEN TZA UGA RWA".split()),
    ("RAF", "Southern Africa", "BWA LSO MWI MOZ NAM ZAF SWZ ZMB ZWE".split()),
    ("RLA", "Central America, Panama and the Dominican Republic", "CRI DOM SLV GTM HND NIC PAN".split()),
    ("RLA", "the Andean countries", "BOL COL ECU PER VEN".split()),
    ("RLA", "the Southern Cone", "ARG BRA CHL PRY URY".split()),
    ("RLA", "the English- and Dutch-speaking Caribbean", "BLZ GUY JAM SUR TTO".split()),
    ("RAS", "South Asia", "BGD IND NPL PAK LKA AFG".split()),
    ("RAS", "the Mekong sub-region", "KHM CHN LAO MMR THA VNM".split()),
    ("RAS", "South-East Asia and the Pacific", "IDN MYS PHL PNG FJI TLS".split()),
    ("RAB", "the Arab States", "IRQ JOR LBN PSE SYR YEM".split()),
    ("RER", "Central Asia", "KAZ KGZ TJK UZB".split()),
    ("RER", "South-Eastern Europe", "ALB BGR MDA ROU UKR".split()),
]  # fmt: skip


# --------------------------------------------------------------------------------------
# Project templates: a title in English (and French/Spanish where a national office would
# write it so), with the classifications it implies. {country} is replaced by the country's
# name (or a region's), {city} by one of its cities.
@dataclass(frozen=True)
class ProjectTemplate:
    key: str
    title: str
    interventions: tuple[str, ...]
    worst_forms: tuple[str, ...]
    sectors: tuple[str, ...]
    target_groups: tuple[str, ...]
    title_fr: str = ""
    title_es: str = ""
    scopes: tuple[str, ...] = ("national",)


DA, LP, AA, ID, SS = (
    "direct-action",
    "legislation-policy",
    "advocacy-awareness",
    "institutional-development",
    "social-services",
)

PROJECT_TEMPLATES = [
    ProjectTemplate(
        "nap", "Support to the National Action Plan on the Elimination of Child Labour in {country}",
        (LP, ID, AA), ("hazardous-work",), (), ("families",),
        "Appui au Plan d'action national de lutte contre le travail des enfants {country_fr}",
        "Apoyo al Plan Nacional de Prevención y Erradicación del Trabajo Infantil en {country_es}",
    ),
    ProjectTemplate(
        "tbp", "Supporting the Time-Bound Programme on the Worst Forms of Child Labour in {country}",
        (DA, LP, ID, SS, AA), ("hazardous-work", "commercial-sexual-exploitation", "trafficking"), ("agriculture", "domestic-work"),
        ("girls", "very-young-children", "families"),
        "Appui au Programme assorti de délais sur les pires formes de travail des enfants {country_fr}",
        "Apoyo al Programa de Duración Determinada para la eliminación de las peores formas de trabajo infantil en {country_es}",
    ),
    ProjectTemplate(
        "domestic", "Prevention and elimination of child domestic labour in {country}",
        (DA, AA, SS), ("hazardous-work", "trafficking"), ("domestic-work",), ("girls", "hidden-work"),
        "Prévention et élimination du travail domestique des enfants {country_fr}",
        "Prevención y eliminación del trabajo infantil doméstico en {country_es}",
    ),
    ProjectTemplate(
        "agriculture", "Combating hazardous child labour in commercial agriculture in {country}",
        (DA, SS, ID), ("hazardous-work",), ("agriculture",), ("families", "very-young-children"),
        "Lutte contre le travail dangereux des enfants dans l'agriculture commerciale {country_fr}",
        "Combatir el trabajo infantil peligroso en la agricultura comercial en {country_es}",
    ),
    ProjectTemplate(
        "mining", "Elimination of child labour in small-scale mining and quarrying in {country}",
        (DA, SS, AA), ("hazardous-work",), ("mining-quarrying",), ("families",),
        "Élimination du travail des enfants dans les mines artisanales et les carrières {country_fr}",
        "Eliminación del trabajo infantil en la minería artesanal en {country_es}",
    ),
    ProjectTemplate(
        "trafficking", "Combating the trafficking of children for labour and sexual exploitation in {country}",
        (DA, LP, AA, ID), ("trafficking", "commercial-sexual-exploitation"), ("domestic-work", "services"), ("girls", "hidden-work"),
        "Lutte contre la traite des enfants à des fins d'exploitation de leur travail {country_fr}",
        "Lucha contra la trata de niños, niñas y adolescentes con fines de explotación en {country_es}",
        scopes=("national", "regional"),
    ),
    ProjectTemplate(
        "csec", "Prevention and elimination of the commercial sexual exploitation of children in {country}",
        (DA, LP, AA), ("commercial-sexual-exploitation",), ("services",), ("girls", "special-needs"),
        "", "Prevención y eliminación de la explotación sexual comercial de niñas, niños y adolescentes en {country_es}",
        scopes=("national", "regional"),
    ),
    ProjectTemplate(
        "survey", "National child labour survey and child labour monitoring in {country}",
        (LP, ID), (), (), (),
        "Enquête nationale sur le travail des enfants {country_fr}", "Encuesta nacional de trabajo infantil en {country_es}",
    ),
    ProjectTemplate(
        "inspection", "Strengthening labour inspection and child labour monitoring in {country}",
        (ID, LP), ("hazardous-work",), ("agriculture", "manufacturing", "construction"), (),
        "Renforcement de l'inspection du travail et du suivi du travail des enfants {country_fr}",
        "Fortalecimiento de la inspección del trabajo y del monitoreo del trabajo infantil en {country_es}",
    ),
    ProjectTemplate(
        "education", "Combating child labour through education and vocational training in {country}",
        (DA, SS, ID), ("hazardous-work",), (), ("very-young-children", "girls", "families"),
        "Lutte contre le travail des enfants par l'éducation et la formation professionnelle {country_fr}",
        "Combatir el trabajo infantil a través de la educación y la formación profesional en {country_es}",
    ),
    ProjectTemplate(
        "livelihoods", "Economic empowerment of families to keep children out of work and in school in {country}",
        (SS, DA), ("hazardous-work",), ("agriculture", "street-work"), ("families", "very-young-children"),
        "Autonomisation économique des familles pour maintenir les enfants à l'école {country_fr}",
        "Empoderamiento económico de las familias para mantener a los niños en la escuela en {country_es}",
    ),
    ProjectTemplate(
        "supply-chain", "Towards child-labour-free supply chains in {country}",
        (ID, AA, LP), ("hazardous-work", "forced-labour-children"), ("agriculture", "manufacturing", "fishing"), ("families",),
        scopes=("national", "regional", "global"),
    ),
    ProjectTemplate(
        "fishing", "Combating child labour and forced labour in fishing and seafood processing in {country}",
        (DA, ID, LP), ("hazardous-work", "forced-labour-children", "adult-forced-labour"), ("fishing",), ("hidden-work", "families"),
        scopes=("national", "regional"),
    ),
    ProjectTemplate(
        "bonded", "Elimination of bonded child labour in {country}",
        (DA, LP, SS), ("debt-bondage", "forced-labour-children"), ("agriculture", "construction"), ("families", "very-young-children"),
    ),
    ProjectTemplate(
        "street", "Withdrawal and rehabilitation of children working and living in the streets of {city}, {country}",
        (DA, SS), ("illicit-activities", "hazardous-work"), ("street-work", "scavenging", "portering"), ("very-young-children", "special-needs"),
        "Retrait et réinsertion des enfants travaillant dans les rues de {city}",
        "Retiro y rehabilitación de niños y niñas trabajadores en las calles de {city}",
    ),
    ProjectTemplate(
        "armed-conflict", "Prevention of the recruitment of children into armed groups and reintegration of former child soldiers in {country}",
        (DA, SS, AA), ("armed-conflict",), (), ("special-needs", "girls"),
        "Prévention du recrutement d'enfants dans les groupes armés et réinsertion des enfants sortis des forces armées {country_fr}",
    ),
    ProjectTemplate(
        "forced-labour", "Strengthening national action against forced labour and human trafficking in {country}",
        (LP, ID, AA), ("adult-forced-labour", "trafficking"), ("construction", "agriculture", "domestic-work"), (),
        scopes=("national", "regional", "global"),
    ),
    ProjectTemplate(
        "global-knowledge", "Building the knowledge base on child labour: research, statistics and policy advice",
        (LP, AA), (), (), (), scopes=("global",),
    ),
    ProjectTemplate(
        "global-advocacy", "Mobilizing employers' and workers' organizations against child labour",
        (AA, ID), ("hazardous-work",), (), (), scopes=("global", "regional"),
    ),
    ProjectTemplate(
        "global-ratification", "Promoting the ratification and application of Conventions Nos. 138 and 182",
        (LP, AA, ID), ("hazardous-work",), (), (), scopes=("global",),
    ),
    ProjectTemplate(
        "global-youth", "Decent work for young people of legal working age: tackling hazardous work of adolescents",
        (DA, LP, ID), ("hazardous-work",), ("agriculture", "construction"), (), scopes=("global",),
    ),
    ProjectTemplate(
        "global-agriculture", "Combating hazardous child labour in agriculture through farmer field schools",
        (DA, SS, ID), ("hazardous-work",), ("agriculture",), ("families",), scopes=("global", "regional"),
    ),
    ProjectTemplate(
        "global-social-protection", "Social protection and child labour: cash transfers that keep children in school",
        (SS, LP), (), (), ("families", "very-young-children"), scopes=("global",),
    ),
    ProjectTemplate(
        "global-education", "Mainstreaming child labour concerns into education sector plans",
        (LP, ID, AA), (), (), ("very-young-children", "girls"), scopes=("global",),
    ),
    ProjectTemplate(
        "global-business", "Child labour in supply chains: guidance, tools and due diligence for business",
        (AA, ID), ("hazardous-work", "forced-labour-children"), ("agriculture", "manufacturing"), (), scopes=("global",),
    ),
    ProjectTemplate(
        "global-domestic", "Action against child domestic work and the abuse of young domestic workers",
        (LP, AA, DA), ("hazardous-work", "trafficking"), ("domestic-work",), ("girls", "hidden-work"), scopes=("global",),
    ),
    ProjectTemplate(
        "regional-migrants", "Protecting migrant children from child labour and trafficking in {country}",
        (DA, LP, AA), ("trafficking", "hazardous-work"), ("agriculture", "domestic-work"), ("girls", "hidden-work"),
        scopes=("regional",),
    ),
]  # fmt: skip

# Action programmes by sector or worst form: (English, French, Spanish); {city}.
ACTION_PROGRAMME_TITLES = [
    (
        "Withdrawal of children from hazardous work and their enrolment in school in {city}",
        "Retrait des enfants des travaux dangereux et scolarisation à {city}",
        "Retiro de niños y niñas del trabajo peligroso y su inserción escolar en {city}",
    ),
    (
        "Non-formal education and vocational training for working children in {city}",
        "Éducation non formelle et formation professionnelle des enfants travailleurs à {city}",
        "Educación no formal y formación profesional para niños trabajadores en {city}",
    ),
    (
        "Community-based child labour monitoring in {city}",
        "Système communautaire de suivi du travail des enfants à {city}",
        "Monitoreo comunitario del trabajo infantil en {city}",
    ),
    (
        "Income-generating activities for the families of working children in {city}",
        "Activités génératrices de revenus pour les familles des enfants travailleurs à {city}",
        "Actividades generadoras de ingresos para las familias de niños trabajadores en {city}",
    ),
    (
        "Awareness raising with employers and workers on child labour in {city}",
        "Sensibilisation des employeurs et des travailleurs au travail des enfants à {city}",
        "Sensibilización de empleadores y trabajadores sobre el trabajo infantil en {city}",
    ),
    (
        "Training of labour inspectors and district officials in {city}",
        "Formation des inspecteurs du travail et des autorités locales à {city}",
        "Capacitación de inspectores del trabajo y autoridades locales en {city}",
    ),
    (
        "Drop-in centre and psychosocial support for child victims of trafficking in {city}",
        "Centre d'accueil et soutien psychosocial aux enfants victimes de traite à {city}",
        "Centro de acogida y apoyo psicosocial a niños víctimas de trata en {city}",
    ),
    (
        "School-to-work transition for adolescents aged 15–17 in {city}",
        "Transition de l'école à l'emploi pour les adolescents de 15 à 17 ans à {city}",
        "Transición de la escuela al trabajo decente para adolescentes de 15 a 17 años en {city}",
    ),
]


# --------------------------------------------------------------------------------------
# Flagship projects: IPEC programmes with hand-written facts. The planner adds the rest.
@dataclass(frozen=True)
class Flagship:
    code: str
    title: str
    countries: tuple[str, ...]
    start: datetime.date
    end: datetime.date
    budget: int
    status: str
    interventions: tuple[str, ...]
    worst_forms: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    time_bound: bool = False
    summary: str = ""
    # Explicit history: (to_status, date, note); otherwise derived from the dates and status.
    history: tuple[tuple[str, datetime.date, str], ...] = field(default=())


def _d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


FLAGSHIPS = [
    Flagship(
        "INT/92/01/GER", "Launching national programmes against child labour in Brazil, India, Indonesia, Kenya, Thailand and Türkiye",
        ("BRA", "IND", "IDN", "KEN", "THA", "TUR"), _d("1992-03-01"), _d("1996-12-31"), 12_500_000, "closed",
        (AA, ID, LP, DA), ("hazardous-work",), (), ("very-young-children", "girls"),
        summary="IPEC's first operations, funded by Germany under its 1991 agreement with the ILO: a national programme in each of the six countries that first signed a Memorandum of Understanding.",
    ),
    Flagship(
        "BGD/95/01/USA", "Elimination of child labour in the Bangladesh garment industry (BGMEA–ILO–UNICEF Memorandum of Understanding)",
        ("BGD",), _d("1995-07-01"), _d("2000-06-30"), 1_500_000, "closed", (DA, SS, ID), ("hazardous-work",), ("manufacturing",), ("girls",),
        summary="Monitoring of garment factories, withdrawal of under-age workers into schools run by NGOs, with a stipend to their families.",
    ),
    Flagship(
        "PAK/97/01/USA", "Elimination of child labour in the soccer ball industry in Sialkot",
        ("PAK",), _d("1997-02-15"), _d("2003-12-31"), 1_800_000, "closed", (DA, SS, ID, AA), ("hazardous-work",), ("manufacturing",), ("families",),
        summary="With the Sialkot Chamber of Commerce and Industry: stitching moved to monitored centres, children into education, families into income-generating activities.",
    ),
    Flagship(
        "INT/98/50/USA", "Statistical Information and Monitoring Programme on Child Labour (SIMPOC)",
        ("BGD", "GHA", "NPL", "PHL", "TUR", "PER", "ZAF", "KHM"), _d("1998-06-01"), _d("2004-12-31"), 8_000_000, "closed", (LP,),
        summary="Helps national statistics offices run child labour surveys and builds the first comparable global estimates of child labour.",
    ),
    Flagship(
        "NPL/01/52/USA", "Supporting the Time-Bound Programme on the Worst Forms of Child Labour in Nepal",
        ("NPL",), _d("2001-09-01"), _d("2006-08-31"), 5_000_000, "closed", (DA, LP, ID, SS, AA),
        ("debt-bondage", "trafficking", "hazardous-work"), ("agriculture", "domestic-work", "portering", "scavenging"),
        ("girls", "very-young-children", "families"), time_bound=True,
    ),
    Flagship(
        "PHL/02/50/USA", "Support to the Philippines Time-Bound Programme on the Worst Forms of Child Labour",
        ("PHL",), _d("2002-09-01"), _d("2007-09-30"), 5_000_000, "closed", (DA, LP, ID, SS, AA),
        ("commercial-sexual-exploitation", "hazardous-work", "trafficking"), ("agriculture", "domestic-work", "fishing", "mining-quarrying"),
        ("girls", "hidden-work", "families"), time_bound=True,
    ),
    Flagship(
        "TZA/01/51/USA", "Supporting the Time-Bound Programme on the Worst Forms of Child Labour in the United Republic of Tanzania",
        ("TZA",), _d("2001-09-15"), _d("2006-06-30"), 4_000_000, "closed", (DA, LP, ID, SS),
        ("hazardous-work", "commercial-sexual-exploitation"), ("agriculture", "mining-quarrying", "domestic-work"), ("girls", "families"),
        time_bound=True,
    ),
    Flagship(
        "SLV/01/52/USA", "Apoyo al Programa de Duración Determinada para la eliminación de las peores formas de trabajo infantil en El Salvador",
        ("SLV",), _d("2001-10-01"), _d("2006-12-31"), 4_000_000, "closed", (DA, LP, ID, SS),
        ("hazardous-work", "commercial-sexual-exploitation"), ("agriculture", "fishing", "scavenging"), ("girls", "families"), time_bound=True,
    ),
    Flagship(
        "RAF/02/50/USA", "West Africa Cocoa/Commercial Agriculture Programme to Combat Hazardous and Exploitative Child Labour (WACAP)",
        ("CIV", "GHA", "CMR", "GIN", "NGA"), _d("2002-10-01"), _d("2006-12-31"), 6_000_000, "closed", (DA, SS, ID, AA),
        ("hazardous-work", "trafficking"), ("agriculture",), ("families",),
    ),
    Flagship(
        "IND/05/50/USA", "Preventing and eliminating child labour in identified hazardous sectors (INDUS)",
        ("IND",), _d("2005-02-01"), _d("2009-03-31"), 20_000_000, "closed", (DA, SS, ID, LP, AA),
        ("hazardous-work",), ("manufacturing", "mining-quarrying", "construction"), ("very-young-children", "families"),
        summary="A joint initiative of the Governments of India and the United States in ten hazardous sectors in 21 districts of five states.",
    ),
    Flagship(
        "GLO/08/57/EEC", "Tackling child labour through education in African, Caribbean and Pacific countries (TACKLE)",
        ("KEN", "MDG", "MLI", "ZMB", "SDN", "SLE", "GUY", "JAM", "FJI", "PNG"), _d("2008-05-01"), _d("2013-12-31"), 19_000_000, "closed",
        (LP, ID, DA, AA), ("hazardous-work",), (), ("very-young-children", "girls"),
    ),
    Flagship(
        "INT/10/07/NET", "Combating the worst forms of child labour through education and training: Netherlands partnership programme",
        ("BOL", "KHM", "KEN", "MLI"), _d("2010-01-01"), _d("2014-06-30"), 7_500_000, "closed", (DA, LP, SS), ("hazardous-work",), (),
        ("very-young-children", "girls"),
    ),
    Flagship(
        "GLO/11/11/USA", "Global Action Program on Child Labor Issues (GAP11)",
        ("BGD", "BOL", "ECU", "GHA", "LKA", "MDG", "PAK", "PAN", "PRY", "PHL", "UGA", "SUR"), _d("2011-12-15"), _d("2017-12-31"), 15_000_000,
        "closed", (LP, ID, AA), ("hazardous-work", "forced-labour-children"), (), (),
    ),
    Flagship(
        "GLO/11/58/JTI", "Achieving Reduction of Child Labour in Support of Education (ARISE)",
        ("MWI", "BRA", "ZMB"), _d("2011-06-01"), _d("2015-12-31"), 3_600_000, "closed", (DA, SS, AA), ("hazardous-work",), ("agriculture",),
        ("families",), summary="A public–private partnership in tobacco-growing communities, with Japan Tobacco International and Winrock International.",
    ),
    Flagship(
        "GLO/13/22/USA", "Country Level Engagement and Assistance to Reduce Child Labour (CLEAR)",
        ("LKA", "KHM", "HND", "KEN", "PHL", "UGA", "SUR", "PNG", "MMR"), _d("2013-09-15"), _d("2019-06-30"), 11_000_000,
        "closed", (LP, ID), ("hazardous-work",), (), (),
    ),
    Flagship(
        "MMR/14/50/USA", "Myanmar Programme on the Elimination of Child Labour (My-PEC)",
        ("MMR",), _d("2014-01-15"), _d("2022-12-31"), 11_500_000, "suspended", (LP, ID, AA, DA), ("hazardous-work",),
        ("agriculture", "fishing", "manufacturing"), ("very-young-children",),
        history=(
            ("approved", _d("2013-11-20"), "Approved by the donor."),
            ("active", _d("2014-01-15"), "Inception workshop in Nay Pyi Taw."),
            ("suspended", _d("2021-02-15"), "Suspended after the military takeover of 1 February 2021."),
        ),
    ),
    Flagship(
        "GLO/15/21/USA", "From Protocol to Practice: A Bridge to Global Action on Forced Labour (the Bridge project)",
        ("NPL", "MYS", "NER", "PER"), _d("2015-11-01"), _d("2022-12-31"), 14_000_000, "closed", (LP, ID, AA),
        ("adult-forced-labour", "forced-labour-children", "trafficking"), ("agriculture", "construction", "domestic-work"), (),
    ),
    Flagship(
        "GLO/16/53/USA", "Measurement, awareness-raising and policy engagement project on child labour and forced labour (MAP16)",
        ("AFG", "BGD", "COL", "CIV", "GHA", "NPL", "PAK", "PER", "PHL", "MWI", "UGA", "MLI"), _d("2016-12-15"), _d("2023-12-31"),
        21_000_000, "completed", (LP, AA, ID), ("hazardous-work", "adult-forced-labour"), (), (),
    ),
    Flagship(
        "GLO/18/28/EEC", "Eliminating child labour and forced labour in the cotton, textile and garment value chains (CLEAR Cotton)",
        ("BFA", "MLI", "PAK", "PER"), _d("2018-03-01"), _d("2022-12-31"), 6_500_000, "closed", (DA, ID, LP),
        ("hazardous-work", "forced-labour-children", "adult-forced-labour"), ("agriculture", "manufacturing"), ("families",),
    ),
    Flagship(
        "RAF/19/50/NET", "Accelerating action for the elimination of child labour in supply chains in Africa (ACCEL Africa)",
        ("CIV", "EGY", "MWI", "MLI", "NGA", "UGA"), _d("2019-03-01"), _d("2025-06-30"), 25_000_000, "completed", (DA, ID, LP, AA),
        ("hazardous-work",), ("agriculture", "mining-quarrying"), ("families",),
    ),
    Flagship(
        "HTI/09/50/CAN", "Prévention et élimination du travail domestique des enfants en Haïti",
        ("HTI",), _d("2009-03-01"), _d("2012-12-31"), 2_400_000, "closed", (DA, SS, AA), ("hazardous-work", "trafficking"),
        ("domestic-work",), ("girls", "hidden-work", "very-young-children"),
        history=(
            ("approved", _d("2009-01-20"), "Approuvé par le bailleur."),
            ("active", _d("2009-03-02"), ""),
            ("suspended", _d("2010-01-14"), "Séisme du 12 janvier 2010 : activités suspendues."),
            ("active", _d("2010-07-01"), "Reprise des activités, recentrées sur les enfants déplacés."),
            ("completed", _d("2013-06-30"), "Achevé après une prolongation sans coût de six mois."),
            ("closed", _d("2014-03-31"), "Clôture financière."),
        ),
    ),
    Flagship(
        "YEM/13/01/NET", "Support to the National Action Plan for the elimination of child labour in Yemen",
        ("YEM",), _d("2013-04-01"), _d("2016-12-31"), 1_900_000, "suspended", (LP, ID, DA), ("hazardous-work", "armed-conflict"),
        ("agriculture", "fishing"), ("very-young-children",),
    ),
    Flagship(
        "AFG/19/01/JPN", "Combating child labour in brick kilns in Afghanistan",
        ("AFG",), _d("2019-06-01"), _d("2023-05-31"), 1_600_000, "suspended", (DA, SS), ("debt-bondage", "hazardous-work"),
        ("construction", "manufacturing"), ("families", "very-young-children"),
    ),
    Flagship(
        "SYR/11/01/EEC", "Combating child labour in agriculture in the Syrian Arab Republic",
        ("SYR",), _d("2011-06-01"), _d("2014-05-31"), 1_200_000, "cancelled", (DA, SS), ("hazardous-work",), ("agriculture",), ("families",),
        history=(
            ("approved", _d("2011-01-25"), "Approved by the donor."),
            ("cancelled", _d("2011-07-05"), "Cancelled before starting: the armed conflict made activities impossible."),
        ),
    ),
    Flagship(
        "PER/22/01/SPA", "Eliminación del trabajo infantil en la minería artesanal de oro en Madre de Dios y Puno",
        ("PER",), _d("2022-07-01"), _d("2026-06-30"), 2_100_000, "cancelled", (DA, SS, ID), ("hazardous-work",), ("mining-quarrying",),
        ("families",),
        history=(
            ("approved", _d("2022-04-11"), "Aprobado por el donante."),
            ("active", _d("2022-07-04"), ""),
            ("cancelled", _d("2024-05-31"), "Cancelado: el donante retiró la segunda tranche de financiamiento."),
        ),
    ),
    Flagship(
        "MDG/21/50/USA", "Towards child-labour-free mica supply chains in Madagascar",
        ("MDG",), _d("2021-01-15"), _d("2026-12-31"), 4_000_000, "active", (DA, ID, LP, SS), ("hazardous-work",), ("mining-quarrying",),
        ("families", "very-young-children"),
    ),
    Flagship(
        "GLO/24/12/NET", "Accelerating action against child labour and forced labour in global supply chains",
        ("CIV", "GHA", "MDG", "MWI", "UGA", "VNM", "IDN"), _d("2024-01-01"), _d("2028-12-31"), 18_000_000, "active", (ID, LP, AA, DA),
        ("hazardous-work", "adult-forced-labour"), ("agriculture", "mining-quarrying", "fishing"), ("families",),
    ),
    Flagship(
        "BGD/26/01/NET", "Eradicating hazardous child labour in the leather and dry-fish sectors of Bangladesh",
        ("BGD",), _d("2026-02-01"), _d("2029-01-31"), 3_500_000, "approved", (DA, SS, ID), ("hazardous-work",), ("manufacturing", "fishing"),
        ("families", "very-young-children"),
    ),
    Flagship(
        "CIV/26/50/USA", "Appui au troisième Plan d'action national de lutte contre la traite, l'exploitation et le travail des enfants en Côte d'Ivoire",
        ("CIV",), _d("2026-04-01"), _d("2030-03-31"), 5_000_000, "pipeline", (LP, ID, DA, AA), ("hazardous-work", "trafficking"),
        ("agriculture", "mining-quarrying"), ("families",),
    ),
]  # fmt: skip

# Co-funding: a second donor of some flagships (code, share of the budget).
FLAGSHIP_COFUNDING = {"GLO/24/12/NET": ("EEC", Decimal("0.25")), "IND/05/50/USA": ("UKM", Decimal("0.10"))}


# Cluster and thematic evaluations across flagship projects.
@dataclass(frozen=True)
class ClusterEvaluation:
    title: str
    scope: str
    projects: tuple[str, ...]
    timing: str
    language: str
    anchor: datetime.date  # around when the report is due


CLUSTER_EVALUATIONS = [
    ClusterEvaluation(
        "Cluster evaluation of IPEC support to the Time-Bound Programmes in Nepal, the Philippines, the United Republic of Tanzania and El Salvador",
        "cluster", ("NPL/01/52/USA", "PHL/02/50/USA", "TZA/01/51/USA", "SLV/01/52/USA"), "final", "en", _d("2007-06-30"),
    ),
    ClusterEvaluation(
        "Thematic evaluation: IPEC's support to national child labour surveys and statistics, 1998–2023",
        "thematic", ("INT/98/50/USA", "GLO/11/11/USA", "GLO/16/53/USA"), "expost", "en", _d("2025-09-30"),
    ),
    ClusterEvaluation(
        "Évaluation groupée des programmes de lutte contre le travail des enfants dans l'agriculture commerciale en Afrique de l'Ouest (WACAP et ACCEL Africa)",
        "cluster", ("RAF/02/50/USA", "RAF/19/50/NET"), "expost", "fr", _d("2026-02-28"),
    ),
]  # fmt: skip
