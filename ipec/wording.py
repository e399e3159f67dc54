"""Dates and lower-cased labels inside translated sentences, in the reader's language.

A sentence such as "The previous move took effect on 01 March 2012" used strftime, which
writes English month names whatever the page's language. The date's format is itself a
message, so each language writes a date in a sentence its own way ("1 mars 2012",
"1 de marzo de 2012") while English keeps its zero-padded day.
"""

from __future__ import annotations

import datetime

from django.utils import formats
from django.utils.functional import lazy
from django.utils.translation import pgettext


def day_in_sentence(day: datetime.date) -> str:
    # Translators: a date inside a sentence, in Django's date format syntax (d: 01, j: 1, F: March, Y: 2024).
    return formats.date_format(day, pgettext("date inside a sentence", "d F Y"))


def moment_in_sentence(moment: datetime.datetime) -> str:
    # Translators: a date and time inside a sentence, in Django's date format syntax (M: Mar, H:i: 14:05).
    return formats.date_format(moment, pgettext("date and time inside a sentence", "d M Y H:i"))


def _lower(text: object) -> str:
    return str(text).lower()


# A label lower-cased when it is shown, in the language of that moment (labels are lazy translations).
lower_lazy = lazy(_lower, str)


def short_day_in_sentence(day: datetime.date) -> str:
    # Translators: a short date inside a sentence, in Django's date format syntax (d: 05, M: Mar, Y: 2024).
    return formats.date_format(day, pgettext("short date inside a sentence", "d M Y"))
