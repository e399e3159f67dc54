"""Our Python marks what it shows: form labels and help, choices, ValidationError messages, flash messages.

Also the two places where English text stays in the models (to spare migrations) but pages
show it translated: the evaluation content's field labels and the names of tracked fields.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils.text import capfirst

from evaluations.field_labels import FIELD_LABELS
from ipec.field_names import TRACKED_FIELD_NAMES
from tests.i18n.extraction import ROOT, python_files
from tests.i18n.unmarked_python import unmarked_python_text


def _checked_python() -> list[Path]:
    """Every module of the apps but the models (their verbose names and help stay English: marking them adds
    migrations; what pages show of them goes through evaluations/field_labels.py and ipec/field_names.py) and
    the admin (a staff tool)."""
    return [path for path in python_files() if path.name != "models.py" and not path.name.startswith("admin")]


def test_the_modules_checked_include_every_form_service_and_view():
    names = {str(path.relative_to(ROOT)) for path in _checked_python()}
    for module in ("forms.py", "services.py", "views.py"):
        apps = {"projects", "partners", "evaluations"} | ({"accounts"} if module == "forms.py" else set())
        assert {f"{app}/{module}" for app in apps} <= names
    assert {"projects/progress_reports.py", "projects/evidence.py", "ipec/concurrency.py"} <= names


def test_python_shows_no_unmarked_text():
    problems = [problem for path in _checked_python() for problem in unmarked_python_text(path)]
    assert not problems, "Text a person reads that no gettext call holds (mark it, then run makemessages):\n" + (
        "\n".join(problems)
    )


def test_the_python_check_finds_unmarked_text_and_accepts_marked_text(tmp_path, monkeypatch):
    import tests.i18n.unmarked_python as unmarked_python

    monkeypatch.setattr(unmarked_python, "ROOT", tmp_path)
    module = tmp_path / "forms.py"
    module.write_text(
        "from django import forms\n"
        "from django.contrib import messages\n"
        "from django.core.exceptions import ValidationError\n"
        "from django.utils.translation import gettext, gettext_lazy as _\n"
        "class F(forms.Form):\n"
        '    a = forms.CharField(label="Plain label", help_text=_("Marked help"))\n'
        '    b = forms.ChoiceField(choices=[("x", "Plain choice"), ("y", _("Marked choice"))])\n'
        '    c = forms.CharField(label=_("Marked"), error_messages={"required": "Plain required"})\n'
        "def clean(value, request, name):\n"
        '    raise ValidationError(f"{value} is wrong")\n'
        "def service(code):\n"
        '    raise ValidationError({"code": gettext("%(code)s is taken") % {"code": code, "n": f"{code:.1f}"}})\n'
        "def view(request, name):\n"
        '    messages.success(request, gettext("Saved."))\n'
        '    messages.success(request, "Plain flash")\n'
        '    messages.info(request, f"{name} is attached.")\n'
        '    raise ValidationError(", ".join(name) + " is not allowed", code="plain")\n',
        encoding="utf-8",
    )
    assert unmarked_python_text(module) == [
        'forms.py:10: f"{value} is wrong"',
        'forms.py:15: "Plain flash"',
        'forms.py:16: f"{name} is attached."',
        'forms.py:17: " is not allowed"',
        'forms.py:6: "Plain label"',
        'forms.py:7: "Plain choice"',
        'forms.py:8: "Plain required"',
    ]


@pytest.mark.parametrize("model", list(FIELD_LABELS), ids=lambda model: model.__name__)
def test_the_evaluation_field_labels_say_what_the_models_say(model):
    """In English, the form and the page label a field as the model (and so the admin and the export) does."""
    for name, label in FIELD_LABELS[model].items():
        assert label == capfirst(str(model._meta.get_field(name).verbose_name)), name


def test_every_tracked_field_has_a_translatable_name():
    from evaluations.models import Evaluation
    from projects.models import ProgressReport, Project

    hidden = {"id", "version", "created_at", "updated_at"}
    names = {
        str(field.verbose_name)
        for model in (Project, ProgressReport, Evaluation)
        for field in model.history.model.tracked_fields
        if field.name not in hidden
    }
    assert names - TRACKED_FIELD_NAMES == set(), "add these to ipec/field_names.py, then run makemessages"
