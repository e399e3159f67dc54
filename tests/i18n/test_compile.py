"""The build's compiler: .po → .mo with Babel, read back by Python's gettext (as Django reads them)."""

from __future__ import annotations

import gettext
import shutil

import pytest
from django.core.management import call_command

from ipec.catalogues import CatalogueError, compile_po
from tests.i18n.extraction import ROOT


@pytest.mark.parametrize(
    ("language", "dashboard", "active", "two_results"),
    [("fr", "Tableau de bord", "Actif", "2 résultats"), ("es", "Panel de control", "Activo", "2 resultados")],
)
def test_compiled_catalogues_are_read_by_gettext(tmp_path, language, dashboard, active, two_results):
    po = tmp_path / language / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    shutil.copy(ROOT / "locale" / language / "LC_MESSAGES" / "django.po", po)

    compiled = compile_po(po)

    assert compiled.mo.exists() and compiled.changed and compiled.messages > 400
    with compiled.mo.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    assert catalogue.gettext("Dashboard") == dashboard
    assert catalogue.pgettext("project status", "Active") == active  # a context
    assert catalogue.ngettext("%(counter)s result", "%(counter)s results", 2) % {"counter": 2} == two_results
    assert not compile_po(po).changed  # unchanged .po: the .mo is left alone


def test_a_translation_that_loses_a_placeholder_is_refused(tmp_path):
    po = tmp_path / "fr" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, python-format\nmsgid "Expenditure in %(year)s"\nmsgstr "Dépenses"\n',
        encoding="utf-8",
    )
    with pytest.raises(CatalogueError, match="Expenditure in"):
        compile_po(po)
    assert not po.with_suffix(".mo").exists()


def test_fuzzy_entries_are_left_out(tmp_path):
    po = tmp_path / "fr" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Dashboard"\nmsgstr "Tableau de bord"\n\n#, fuzzy\nmsgid "Projects"\nmsgstr "Projeeets"\n',
        encoding="utf-8",
    )
    with compile_po(po).mo.open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    assert catalogue.gettext("Dashboard") == "Tableau de bord"
    assert catalogue.gettext("Projects") == "Projects"


def test_the_command_compiles_every_language(tmp_path, settings):
    for language in ("fr", "es"):
        target = tmp_path / language / "LC_MESSAGES"
        target.mkdir(parents=True)
        shutil.copy(ROOT / "locale" / language / "LC_MESSAGES" / "django.po", target)
    settings.LOCALE_PATHS = [tmp_path]

    call_command("compile_catalogues", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.mo")) == [
        "es/LC_MESSAGES/django.mo",
        "fr/LC_MESSAGES/django.mo",
    ]
