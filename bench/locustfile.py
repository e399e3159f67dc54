"""The load test's simulated people, for locust (run by bench.loadtest, never imported by the site or tests).

Everything comes from the JSON file named by BENCH_LOCUST_CONFIG: one signed-in session per
simulated person (made beforehand by bench.loadtest, so signing in is not part of the load) and
the URLs to open. Every request must answer 200 without a redirect: a session that lost its
login would be sent to the login page, which must count as an error, not as a fast page.

Two kinds of users:

* closed-loop users that request one page as fast as answers come (no think time): the
  trivial logged-in page (the floor), and the project list in four variants; their throughput,
  as a ratio to the floor's, is the figure the targets use;
* people browsing with a short think time: HQ staff (dashboard, lists with filters, searches,
  deep pages, project and country pages, a filtered CSV export, the lessons), chief technical
  advisers (their projects, project and country pages, the list) and viewers (dashboard,
  lists, project and partner pages).
"""

from __future__ import annotations

import itertools
import json
import os
import random

from locust import FastHttpUser, between, constant, task

with open(os.environ["BENCH_LOCUST_CONFIG"]) as _config:
    CONFIG = json.load(_config)
URLS = CONFIG["urls"]
_sessions = {role: itertools.cycle(keys) for role, keys in CONFIG["sessions"].items()}


class SignedIn(FastHttpUser):
    abstract = True
    role = "hq"
    wait_time = constant(0)

    def on_start(self) -> None:
        # Behind the production TLS proxy the site sees X-Forwarded-Proto; the session is set by hand
        # because the site marks its cookies Secure, which a client on plain http would not send back.
        self.headers = {"Cookie": f"sessionid={next(_sessions[self.role])}", "X-Forwarded-Proto": "https"}
        self.rng = random.Random(id(self))

    def open(self, url: str, name: str) -> None:
        with self.client.get(
            url, name=name, headers=self.headers, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} for {url}")

    def pick(self, key: str) -> str:
        return self.rng.choice(URLS[key])


# Closed-loop single pages --------------------------------------------------------------------


class Floor(SignedIn):
    @task
    def floor(self) -> None:
        self.open(URLS["floor"], "floor: trivial logged-in page")


class ListUnfiltered(SignedIn):
    @task
    def page(self) -> None:
        self.open(URLS["project_list"], "list: unfiltered")


class ListRegionStatus(SignedIn):
    @task
    def page(self) -> None:
        self.open(f"{URLS['project_list']}?{URLS['filters'][0]}", "list: region+status")


class ListSearch(SignedIn):
    @task
    def page(self) -> None:
        self.open(f"{URLS['project_list']}?q={URLS['searches'][0]}", "list: search")


class ListDeep(SignedIn):
    @task
    def page(self) -> None:
        self.open(URLS["deep_page"], "list: deep page")


# People browsing -----------------------------------------------------------------------------


class Browsing(SignedIn):
    abstract = True
    wait_time = between(0.2, 1.0)

    def project(self) -> None:
        self.open(f"/projects/{self.pick('projects')}/", "project page")

    def country(self) -> None:
        self.open(f"/countries/{self.pick('countries')}/", "country page")

    def filtered_list(self) -> None:
        self.open(f"{URLS['project_list']}?{self.pick('filters')}", "list: filtered")

    def search(self) -> None:
        self.open(f"{URLS['project_list']}?q={self.pick('searches')}", "list: search")


class HQ(Browsing):
    role = "hq"
    weight = 3

    @task(2)
    def dashboard(self) -> None:
        self.open("/", "dashboard")

    @task(3)
    def lists(self) -> None:
        self.filtered_list()

    @task(2)
    def searching(self) -> None:
        self.search()

    @task(1)
    def deep(self) -> None:
        self.open(URLS["deep_page"], "list: deep page")

    @task(3)
    def projects(self) -> None:
        self.project()

    @task(1)
    def countries(self) -> None:
        self.country()

    @task(1)
    def export(self) -> None:
        self.open(URLS["export"], "export: filtered CSV")

    @task(1)
    def lessons(self) -> None:
        self.open(URLS["lessons"], "lessons: search")


class CTA(Browsing):
    role = "cta"
    weight = 2

    @task(2)
    def mine(self) -> None:
        self.open(URLS["my_projects"], "my projects")

    @task(3)
    def projects(self) -> None:
        self.project()

    @task(1)
    def countries(self) -> None:
        self.country()

    @task(1)
    def lists(self) -> None:
        self.open(URLS["project_list"], "list: unfiltered")


class Viewer(Browsing):
    role = "viewer"
    weight = 2

    @task(2)
    def dashboard(self) -> None:
        self.open("/", "dashboard")

    @task(2)
    def lists(self) -> None:
        self.filtered_list()

    @task(3)
    def projects(self) -> None:
        self.project()

    @task(1)
    def partner(self) -> None:
        self.open(URLS["partner"], "partner page")

    @task(1)
    def searching(self) -> None:
        self.search()
