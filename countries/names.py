"""Country names in the reader's language, from pycountry's own ISO 3166-1 gettext catalogues.

The database keeps each country's English name (pycountry's common name or name, which are
the catalogues' message ids); the page shows the translation for the active language: Brazil
is "Brésil" in French, "Brasil" in Spanish. A name HQ has edited, or one the catalogue lacks,
is shown as it is. Lists stay in the order of the English names.
"""

from __future__ import annotations

import functools
import gettext

import pycountry
from django.utils.translation import get_language

DOMAIN = "iso3166-1"


@functools.cache
def _catalogue(language: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, pycountry.LOCALES_DIR, languages=[language], fallback=True)


def country_name(name: str, language: str | None = None) -> str:
    """`name` (a country's English name) in `language`, by default the active one."""
    language = (language or get_language() or "en").split("-")[0]
    if language == "en" or not name:
        return name
    return _catalogue(language).gettext(name)
