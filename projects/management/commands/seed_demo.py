"""`manage.py seed_demo`: the demo portfolio; the logic lives in ipec.demo."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ipec.demo import data
from ipec.demo.build import Result, build_demo, demo_password, existing_portfolio, refuse_production


class Command(BaseCommand):
    help = (
        "Build a realistic, deterministic demo portfolio of IPEC (the same data for the same build day: the "
        f"portfolio is dated as at {data.REFERENCE_DATE:%d %B %Y}, the open progress reports as at the day of "
        "the build): countries where IPEC operates with their MoUs and ratifications, "
        f"partners and donors, {data.DEFAULT_PROJECTS} projects in every status written through the write "
        "services (about half a minute: every row is validated), steering committees and evaluations; and the "
        "sign-in accounts hq, cta, evaluator and viewer "
        f"with the password {data.DEFAULT_PASSWORD!r} (or $DEMO_PASSWORD). "
        "It fills an empty portfolio only: run again on a database that already has one, it refuses and changes "
        "nothing (with --if-empty it says so and succeeds). To rebuild, start from a fresh database "
        "(delete the SQLite file or drop the database, then migrate). Refuses to run under production settings."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing, successfully, when the database already holds a portfolio (for `make run`).",
        )
        parser.add_argument(
            "--projects",
            type=int,
            metavar="N",
            help="Write the demo's plan extended to N projects, with bulk inserts instead of the services "
            "(partners, committees, evaluations, lessons, expenditure and targets in proportion), for benchmarks. "
            "About 4 minutes and 250 MB for N=100000 on PostgreSQL (COPY) on 2 cores; the same N gives the same "
            "portfolio either way.",
        )
        parser.add_argument(
            "--chunk-size",
            type=int,
            default=2000,
            metavar="K",
            help="With --projects: how many projects are planned and inserted at a time (default 2000).",
        )

    def handle(self, *args, if_empty: bool, projects: int | None, chunk_size: int, **options) -> None:
        refuse_production()
        if projects is not None and projects < 1:
            raise CommandError("--projects needs a number of projects of 1 or more.")
        clashes = existing_portfolio()
        if clashes and if_empty:
            self.stdout.write("The database already holds a portfolio (" + "; ".join(clashes) + "): nothing to do.")
            return
        if clashes:
            raise CommandError(
                "The database already holds a portfolio (" + "; ".join(clashes) + "). seed_demo only fills an empty "
                "one and has changed nothing. Use --if-empty to skip quietly, or start from a fresh database."
            )
        password = demo_password()
        progress = self.stdout.write if options["verbosity"] >= 2 else (lambda _m: None)
        if projects is None:
            result = build_demo(password=password, progress=progress)
        else:
            from ipec.demo.bulk import build_bulk

            result = build_bulk(projects=projects, password=password, chunk_size=chunk_size, progress=progress)
        self._report(result, password)

    def _report(self, result: Result, password: str) -> None:
        statuses = ", ".join(f"{count} {status}" for status, count in sorted(result.statuses.items()))
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo portfolio built in {result.seconds:.1f} s: {result.projects} projects ({statuses}), "
                f"{result.evaluations} evaluations, {result.partners} partners, {result.committees} committees."
            )
        )
        self.stdout.write("Sign in with:")
        for username, role in result.login_users:
            self.stdout.write(f"  {username:<10} password {password!r:<14} role {role}")
