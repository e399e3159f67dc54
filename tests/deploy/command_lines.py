"""Check a command line the way its program would read it, without running it.

`python manage.py NAME ...` goes through the management command's own parser and `celery -A
ipec ...` through Celery's, so a command that does not exist, an option it does not take or an
app that does not load fails here as it would in the container.
"""

from __future__ import annotations

import re
import shlex
import warnings
from pathlib import Path

from django.core.management import get_commands, load_command_class

SHELL_OPERATORS = {"&&", "||", "|", ";", ">", ">>", "<", "2>&1"}


def until_shell_operator(argv: list[str]) -> list[str]:
    for index, token in enumerate(argv):
        if token in SHELL_OPERATORS:
            return argv[:index]
    return argv


def check_management_command(argv: list[str]) -> str:
    """argv after `manage.py`; returns the command's name. Raises if Django would refuse it."""
    name, *arguments = until_shell_operator(argv)
    commands = get_commands()
    assert name in commands, f"there is no management command {name!r}"
    command = load_command_class(commands[name], name)
    # Not called from the command line, the parser raises CommandError instead of exiting.
    command.create_parser("manage.py", name).parse_args(arguments)
    return name


def check_celery_command(argv: list[str]):
    """argv after `celery`; returns (the Celery app, the sub-command's name, its parsed options)."""
    from celery.app.utils import find_app
    from celery.bin.base import CLIContext
    from celery.bin.celery import celery

    context = celery.make_context("celery", until_shell_operator(argv))
    app = find_app(context.params["app"])
    context.obj = CLIContext(app=app, no_color=True, workdir=None, quiet=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # click 8.2 renames protected_args
        rest = [*context.protected_args, *context.args]
    name, command, arguments = celery.resolve_command(context, rest)
    sub = command.make_context(name, arguments, parent=context)
    return app, name, sub.params


def shell_commands_in_markdown(path: Path) -> list[list[str]]:
    """Each command line of the ```sh blocks of a Markdown file, split into words."""
    commands = []
    for block in re.findall(r"```(?:sh|bash|console)\n(.*?)```", path.read_text(), re.DOTALL):
        for line in block.replace("\\\n", " ").splitlines():
            line = line.split(" #", 1)[0].strip()
            if line and not line.startswith("#"):
                commands.append(shlex.split(line, comments=True))
    return commands


def after(argv: list[str], word: str) -> list[str] | None:
    """The words after `word` (e.g. manage.py), or None when it is not in the command."""
    for index, token in enumerate(argv):
        if token == word or token.endswith("/" + word):
            return argv[index + 1 :]
    return None
