"""The environment readers: a bad value stops start-up with a message that names the variable."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from ipec.env import env_bool, env_choice, env_int, env_list, env_str, env_url

VAR = "IPEC_TEST_VARIABLE"


@pytest.fixture
def setenv(monkeypatch):
    def set_value(value: str | None) -> None:
        if value is None:
            monkeypatch.delenv(VAR, raising=False)
        else:
            monkeypatch.setenv(VAR, value)

    return set_value


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", True), ("true", True), ("TRUE", True), (" yes ", True), ("on", True),
        ("0", False), ("false", False), ("No", False), ("off", False), ("", False),
    ],
)  # fmt: skip
def test_env_bool_reads_the_usual_spellings(setenv, value, expected):
    setenv(value)
    assert env_bool(VAR, default=not expected) is expected


def test_env_bool_default_when_unset(setenv):
    setenv(None)
    assert env_bool(VAR, default=True) is True
    assert env_bool(VAR) is False


@pytest.mark.parametrize("value", ["maybe", "2", "y", "enabled"])
def test_env_bool_refuses_anything_else(setenv, value):
    setenv(value)
    with pytest.raises(ImproperlyConfigured, match=rf"^{VAR}='{value}' is not a boolean: use true or false\.$"):
        env_bool(VAR)


def test_env_int_reads_whole_numbers(setenv):
    setenv(" 587 ")
    assert env_int(VAR, 25, minimum=1, maximum=65535) == 587
    setenv("")
    assert env_int(VAR, 25) == 25
    setenv(None)
    assert env_int(VAR, 25) == 25


@pytest.mark.parametrize("value", ["abc", "1.5", "25 ports", "0x19"])
def test_env_int_refuses_what_is_not_a_whole_number(setenv, value):
    setenv(value)
    with pytest.raises(ImproperlyConfigured, match=rf"^{VAR}='{value}' is not a whole number\.$"):
        env_int(VAR, 25)


def test_env_int_refuses_values_out_of_range(setenv):
    setenv("0")
    with pytest.raises(ImproperlyConfigured, match=rf"^{VAR}=0 is below the minimum of 1\.$"):
        env_int(VAR, 25, minimum=1, maximum=65535)
    setenv("65536")
    with pytest.raises(ImproperlyConfigured, match=rf"^{VAR}=65536 is above the maximum of 65535\.$"):
        env_int(VAR, 25, minimum=1, maximum=65535)
    setenv("-1")
    with pytest.raises(ImproperlyConfigured, match=rf"^{VAR}=-1 is below the minimum of 0\.$"):
        env_int(VAR, 60, minimum=0)


def test_env_str_and_env_list(setenv):
    setenv("  value  ")
    assert env_str(VAR, "default") == "value"
    setenv("")
    assert env_str(VAR, "default") == "default"
    setenv("a.example.org, b.example.org,,")
    assert env_list(VAR) == ["a.example.org", "b.example.org"]
    setenv(None)
    assert env_list(VAR, ["localhost"]) == ["localhost"]


def test_env_choice(setenv):
    setenv("DEBUG")
    assert env_choice(VAR, "INFO", ["DEBUG", "INFO"]) == "DEBUG"
    setenv("LOUD")
    with pytest.raises(ImproperlyConfigured, match=rf"^{VAR}='LOUD' is not one of: DEBUG, INFO\.$"):
        env_choice(VAR, "INFO", ["DEBUG", "INFO"])


@pytest.mark.parametrize(
    ("value", "schemes"),
    [
        ("redis://cache:6379/0", ("redis", "rediss")),
        ("rediss://user:secret@cache.example.org:6380/1", ("redis", "rediss")),
        ("postgres://ipec:secret@db:5432/ipec", ("sqlite", "postgres")),
        ("sqlite:////tmp/ipec.sqlite3", ("sqlite", "postgres")),
    ],
)
def test_env_url_accepts_its_schemes(setenv, value, schemes):
    setenv(value)
    assert env_url(VAR, schemes=schemes) == value


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("http://cache:6379", f"{VAR} must start with one of redis://, rediss:// (got 'http')."),
        ("mysql://db/ipec", f"{VAR} must start with one of redis://, rediss:// (got 'mysql')."),
        ("cache:6379", f"{VAR} must start with one of redis://, rediss:// (got 'cache')."),
        ("localhost", f"{VAR} must start with one of redis://, rediss:// (got 'no scheme')."),
        ("redis://", f"{VAR} has no host name."),
        ("redis:///0", f"{VAR} has no host name."),
    ],
)
def test_env_url_refuses_bad_urls_naming_the_variable(setenv, value, message):
    setenv(value)
    with pytest.raises(ImproperlyConfigured) as excinfo:
        env_url(VAR, schemes=("redis", "rediss"))
    assert str(excinfo.value) == message


def test_env_url_empty_when_unset_without_default(setenv):
    setenv(None)
    assert env_url(VAR, schemes=("redis",)) == ""
    assert env_url(VAR, "redis://localhost:6379/0", schemes=("redis",)) == "redis://localhost:6379/0"
