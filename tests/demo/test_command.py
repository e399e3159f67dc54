"""The command itself: its refusals, --if-empty, the password, and what it prints."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from accounts.models import User
from ipec.demo import data
from partners.models import Partner
from projects.management.commands.seed_demo import Command
from projects.models import Project

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_refuses_under_production_settings_and_writes_nothing():
    with override_settings(SETTINGS_MODULE="ipec.settings.production"), pytest.raises(CommandError, match="production"):
        call_command("seed_demo", "--projects", "5")
    assert not Project.objects.exists() and not User.objects.exists()


def test_refuses_from_the_command_line_under_production_settings():
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "ipec.settings.production",
        "SECRET_KEY": "x7Gq2LmP9vR4tY8wZ1bN6cK3dF5hJ0sA-not-a-real-secret-but-long-enough-9",
        # Nothing listens there: the command must stop before it touches a database.
        "DATABASE_URL": "postgres://nobody@127.0.0.1:9/none",
        "REDIS_URL": "redis://127.0.0.1:9/0",
        "ALLOWED_HOSTS": "ipec.example.org",
    }
    done = subprocess.run(
        [sys.executable, "manage.py", "seed_demo"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode != 0
    assert "refuses to run under production settings" in done.stderr


@pytest.mark.django_db
def test_if_empty_does_nothing_when_there_are_projects():
    call_command("seed_demo", "--projects", "12", stdout=StringIO())
    before = (Project.objects.count(), Partner.objects.count(), User.objects.count())
    out = StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    assert "nothing to do" in out.getvalue()
    assert (Project.objects.count(), Partner.objects.count(), User.objects.count()) == before


@pytest.mark.django_db
def test_if_empty_builds_on_an_empty_database():
    call_command("seed_demo", "--if-empty", "--projects", "12", stdout=StringIO())
    assert Project.objects.count() == 12


@pytest.mark.django_db
def test_a_second_run_refuses_and_changes_nothing():
    call_command("seed_demo", "--projects", "12", stdout=StringIO())
    before = (Project.objects.count(), Partner.objects.count(), User.objects.count())
    with pytest.raises(CommandError, match="already holds a portfolio"):
        call_command("seed_demo", "--projects", "12")
    assert (Project.objects.count(), Partner.objects.count(), User.objects.count()) == before


@pytest.mark.django_db
def test_the_password_comes_from_demo_password_and_is_printed(monkeypatch, client):
    monkeypatch.setenv("DEMO_PASSWORD", "another-demo-pass-42")
    out = StringIO()
    call_command("seed_demo", "--projects", "8", stdout=out)
    for username in ("hq", "cta", "evaluator", "viewer"):
        assert f"{username} " in out.getvalue()
    assert "another-demo-pass-42" in out.getvalue()
    assert client.login(username="viewer", password="another-demo-pass-42")
    assert not client.login(username="viewer", password=data.DEFAULT_PASSWORD)


@pytest.mark.django_db
def test_a_portfolio_needs_at_least_one_project():
    with pytest.raises(CommandError, match="1 or more"):
        call_command("seed_demo", "--projects", "0")


def test_help_says_what_a_second_run_does():
    text = " ".join(Command().create_parser("manage.py", "seed_demo").format_help().split())
    assert "refuses and changes nothing" in text and "--if-empty" in text and "production" in text
