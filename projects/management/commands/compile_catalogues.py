"""Compile locale/*/LC_MESSAGES/django.po into .mo files, with Babel (no GNU gettext needed)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ipec.catalogues import CatalogueError, compile_all


class Command(BaseCommand):
    help = "Compile the translation catalogues (locale/<language>/LC_MESSAGES/django.po) into .mo files."

    def handle(self, *args, **options) -> None:
        compiled = []
        for locale_dir in settings.LOCALE_PATHS:
            try:
                compiled += compile_all(Path(locale_dir))
            except CatalogueError as error:
                raise CommandError(str(error)) from error
        if not compiled:
            raise CommandError(f"No catalogues found under {', '.join(map(str, settings.LOCALE_PATHS))}.")
        for result in compiled:
            state = "compiled" if result.changed else "up to date"
            self.stdout.write(f"{result.mo}: {result.messages} messages, {state}")
