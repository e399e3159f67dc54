"""A small HTTP client for the fault tests: keeps cookies, logs in through the real login form, never waits unbounded."""

from __future__ import annotations

import http.cookiejar
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass


@dataclass(frozen=True)
class Answer:
    path: str
    status: int  # 0: no HTTP answer at all (refused, reset, timed out)
    seconds: float
    body: str
    at: float  # time.monotonic() when the answer came


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """One visitor: a cookie jar, and requests that give up after `timeout` seconds."""

    def __init__(self, base_url: str, *, timeout: float = 15) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect)

    def request(self, path: str, data: dict[str, str] | None = None) -> Answer:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        started = time.monotonic()
        try:
            with self.opener.open(self.base_url + path, data=body, timeout=self.timeout) as response:
                status, text = response.status, response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx and 5xx
            status, text = error.code, error.read().decode(errors="replace")
        except OSError as error:  # refused, reset, timed out: no HTTP answer
            status, text = 0, repr(error)
        now = time.monotonic()
        return Answer(path, status, now - started, text, now)

    def cookie(self, name: str) -> str:
        return next((c.value for c in self.cookies if c.name == name), "")

    def log_in(self, username: str, password: str) -> None:
        self.request("/accounts/login/")
        answer = self.request(
            "/accounts/login/",
            {"username": username, "password": password, "csrfmiddlewaretoken": self.cookie("csrftoken")},
        )
        if answer.status != 302:
            raise AssertionError(f"login as {username} answered {answer.status}:\n{answer.body[:2000]}")
