"""The site in French and Spanish: words, reference names, numbers and dates in the reader's language."""

from __future__ import annotations

import datetime
import html
import re

import pytest
from django.conf import settings
from django.urls import reverse

from tests.portfolio.conftest import portfolio  # noqa: F401 - the fixture: four projects in India, Kenya, Brazil

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"
FRENCH_MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
SPANISH_MONTHS = "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split()


def _get(client, url: str, language: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200, url
    return html.unescape(response.content.decode())


def _text(page: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", page).split())


@pytest.fixture
def hq_client(client, hq_user):
    client.force_login(hq_user)
    return client


@pytest.mark.parametrize(
    ("language", "heading", "months", "as_of"),
    [("fr", "Tableau de bord", FRENCH_MONTHS, "Au {day} {month} {year}"), ("es", "Panel de control", SPANISH_MONTHS, "A {day} de {month} de {year}")],
)  # fmt: skip
def test_the_dashboard(hq_client, portfolio, language, heading, months, as_of):  # noqa: F811
    page = _get(hq_client, "/", language)
    today = datetime.date.today()
    assert f'<html lang="{language}">' in page
    assert f"<h1>{heading}</h1>" in page
    assert as_of.format(day=today.day, month=months[today.month - 1], year=today.year) in _text(page)
    text = _text(page)
    if language == "fr":
        assert "Projets actifs par région de l’OIT" in text and "Amériques" in text  # a chart, a region's name
        assert "Inde" in page  # the map's country names
        assert "La carte sous forme de tableau" in text
    else:
        assert "Proyectos activos por región de la OIT" in text and "Américas" in text
        assert "India" in page and "Brasil" in page


def test_the_dashboard_in_english_is_unchanged(hq_client, portfolio):  # noqa: F811
    page = _get(hq_client, "/", "en")
    assert '<html lang="en">' in page and "<h1>Dashboard</h1>" in page and "Active projects by ILO region" in page


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", ["Projets", "Afficher les projets", "Toutes les régions", "Inde", f"2{NBSP}000{NBSP}000", "mars 2010", "Actif", "En bonne voie"]),
        ("es", ["Proyectos", "Mostrar los proyectos", "Todas las regiones", "India", f"2{NBSP}000{NBSP}000", "marzo 2010", "Activo", "Según lo previsto"]),
    ],
)  # fmt: skip
def test_the_project_list(hq_client, portfolio, language, expected):  # noqa: F811
    page = _get(hq_client, reverse("projects:list"), language)
    missing = [word for word in expected if word not in page]
    assert not missing
    assert f'<html lang="{language}">' in page


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", ["Budget approuvé", f"2{NBSP}000{NBSP}000{NBSP}$ US", "1 mars 2010", "Conseiller technique principal", "Inde", "Cibles et résultats"]),
        ("es", ["Presupuesto aprobado", f"2{NBSP}000{NBSP}000{NBSP}USD", "01/03/2010", "Asesor técnico principal", "India", "Metas y resultados"]),
    ],
)  # fmt: skip
def test_a_project_page(hq_client, portfolio, language, expected):  # noqa: F811
    page = _get(hq_client, reverse("projects:detail", args=[portfolio.india.slug]), language)
    missing = [word for word in expected if word not in page]
    assert not missing


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", ["<h1>Brésil ", "Amériques", "Convention sur les pires formes de travail des enfants", "Travail des enfants"]),
        ("es", ["<h1>Brasil ", "Américas", "Convenio sobre las peores formas de trabajo infantil", "Trabajo infantil"]),
    ],
)  # fmt: skip
def test_a_country_page(hq_client, portfolio, language, expected):  # noqa: F811
    page = _get(hq_client, reverse("countries:detail", args=["BRA"]), language)
    missing = [word for word in expected if word not in page]
    assert not missing


def test_a_country_name_from_pycountry(hq_client, portfolio):  # noqa: F811
    page = _get(hq_client, reverse("countries:detail", args=["CIV"]), "fr")
    assert "<h1>Côte d'Ivoire " in page and "Afrique" in page


@pytest.mark.parametrize(
    ("language", "expected"), [("fr", ["Bibliothèque des enseignements", "Rechercher"]), ("es", ["Biblioteca de lecciones", "Buscar"])]
)  # fmt: skip
def test_the_lessons_library(hq_client, portfolio, language, expected):  # noqa: F811
    page = _get(hq_client, reverse("evaluations:lessons"), language)
    assert all(word in page for word in expected)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", ["<h1>Se connecter</h1>", "Mot de passe oublié"]), ("es", ["<h1>Iniciar sesión</h1>", "¿Ha olvidado su contraseña?"])],
)  # fmt: skip
def test_the_login_page(client, language, expected):
    page = _get(client, reverse("login"), language)
    assert f'<html lang="{language}">' in page
    assert all(word in page for word in expected)


def test_exports_stay_in_english(hq_client, portfolio):  # noqa: F811
    hq_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    response = hq_client.get(reverse("projects:export-csv"))
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    header, *rows = text.splitlines()
    assert header.startswith("TC symbol,Title,Kind,Status")
    assert any(",Active," in row and "2000000.00" in row for row in rows)  # a plain number, an English label
