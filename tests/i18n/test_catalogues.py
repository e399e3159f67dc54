"""Every message of the site has a French and a Spanish translation, and templates hold no unmarked text."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.i18n.extraction import OWN_LABELS, ROOT, TEMPLATES, all_messages, template_files, unmarked_text

LANGUAGES = ("fr", "es")


def _translated(language: str) -> dict:
    """(context, msgid) -> True for every entry with a complete, non-fuzzy translation."""
    with (ROOT / "locale" / language / "LC_MESSAGES" / "django.po").open("rb") as handle:
        catalog = read_po(handle, locale=language)
    done = {}
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        done[(message.context, message.id)] = not message.fuzzy and all(s.strip() for s in strings)
    return done


def test_the_extraction_finds_templates_python_plurals_and_contexts():
    """The walker itself: it must see what makemessages sees, or the next test proves nothing."""
    keys = {m.key for m in all_messages()}
    assert (None, "Dashboard") in keys  # {% translate %} in a template
    assert ("project status", "Active") in keys  # pgettext_lazy in a model's choices
    assert (None, ("%(total)s partner", "%(total)s partners")) in keys  # {% blocktranslate count %}
    assert ("navigation", "Main") in keys  # {% translate … context … %}
    assert (None, "Sale and trafficking of children") in keys  # gettext_noop in reference data
    assert len(keys) > 400


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language):
    translated = _translated(language)
    missing = sorted(
        {f"{m.where}: {m.id!r}" + (f" (context {m.context!r})" if m.context else "") for m in all_messages()
         if not translated.get(m.key)}
    )  # fmt: skip
    assert not missing, (
        f"{len(missing)} message(s) without a {language} translation; run `manage.py makemessages -l fr -l es "
        f"--ignore=.venv --ignore=bench --ignore=tests`, translate them in locale/{language}/LC_MESSAGES/django.po, then "
        "`make messages`:\n" + "\n".join(missing)
    )


def _checked_templates() -> list[Path]:
    return [path for path in template_files() if str(path.relative_to(TEMPLATES)) not in OWN_LABELS]


def test_templates_have_no_unmarked_text():
    problems = [problem for path in _checked_templates() for problem in unmarked_text(path)]
    assert not problems, "Text outside {% translate %} / {% blocktranslate %}:\n" + "\n".join(problems)


def test_the_unmarked_text_check_sees_text_words_attributes_and_skips_what_is_marked(tmp_path, monkeypatch):
    import tests.i18n.extraction as extraction

    monkeypatch.setattr(extraction, "ROOT", tmp_path)
    page = tmp_path / "page.html"
    page.write_text(
        "{% load i18n %}{% comment %}Notes for developers{% endcomment %}\n"
        '<h1>{% translate "Dashboard" %}</h1> <p>{{ value }} · IPEC CSV</p>\n'
        "<p>{% blocktranslate %}Hello {{ name }}{% endblocktranslate %}</p><script>let words = 1;</script>\n"
        "<p>Unmarked words</p>\n"
        '<a title="Unmarked title" href="/">{% translate "Home" %}</a>\n',
        encoding="utf-8",
    )
    assert unmarked_text(page) == ["page.html:4: Unmarked words", "page.html:5: Unmarked title"]
