"""Read the deployment files as Docker would: docker-compose.yml, .env.example, the Dockerfile.

No Docker engine runs here, so the tests rebuild what a container would get (its command and
its environment) from the files, with the parts of Compose's rules those files use.
"""

from __future__ import annotations

import ast
import re
import secrets
import shlex
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"
DOCKERFILE = ROOT / "Dockerfile"
OPERATIONS_DOC = ROOT / "docs" / "operations.md"

# The services that run the application image (the others are PostgreSQL and Redis).
APP_SERVICES = ("migrate", "web", "worker", "beat", "backup")
# The long-running ones, started by `docker compose up`.
RUNNING_APP_SERVICES = ("web", "worker", "beat")

_NAME = r"[A-Za-z_][A-Za-z0-9_]*"


def compose() -> dict:
    return yaml.safe_load(COMPOSE_FILE.read_text())


# Compose's variable interpolation --------------------------------------------------------------


class MissingVariable(Exception):
    """A ${NAME:?message} whose variable is unset: `docker compose` refuses to start."""


def interpolate(text: str, variables: Mapping[str, str]) -> str:
    """Expand $NAME, ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?err}, ${NAME:+alt}, nested; $$ is $."""
    out: list[str] = []
    i = 0
    while i < len(text):
        if text[i] != "$":
            out.append(text[i])
            i += 1
        elif text.startswith("$$", i):
            out.append("$")
            i += 2
        elif text.startswith("${", i):
            end = _closing_brace(text, i + 1)
            out.append(_expand(text[i + 2 : end], variables))
            i = end + 1
        elif match := re.match(_NAME, text[i + 1 :]):
            out.append(variables.get(match.group(), ""))
            i += 1 + len(match.group())
        else:
            out.append("$")
            i += 1
    return "".join(out)


def _closing_brace(text: str, start: int) -> int:
    depth = 0
    for position in range(start, len(text)):
        if text[position] == "{":
            depth += 1
        elif text[position] == "}":
            depth -= 1
            if depth == 0:
                return position
    raise ValueError(f"unclosed ${{ in {text!r}")


def _expand(expression: str, variables: Mapping[str, str]) -> str:
    match = re.fullmatch(rf"({_NAME})(?:(:?[-?+])(.*))?", expression, re.DOTALL)
    if match is None:
        raise ValueError(f"not a variable: ${{{expression}}}")
    name, operator, argument = match.groups()
    value = variables.get(name)
    if operator is None:
        return value or ""
    missing = value is None or (operator.startswith(":") and value == "")
    if operator.endswith("-"):
        return interpolate(argument, variables) if missing else value
    if operator.endswith("?"):
        if missing:
            raise MissingVariable(f"{name}: {argument}")
        return value
    return "" if missing else interpolate(argument, variables)


def interpolated_names(text: str) -> set[str]:
    """Every variable a text interpolates, the nested ones included."""
    return set(re.findall(r"\$\{(" + _NAME + r")", text.replace("$$", "")))


def required_by_compose(text: str) -> set[str]:
    """The variables whose absence makes `docker compose` refuse to start (${NAME:?...})."""
    return set(re.findall(r"\$\{(" + _NAME + r"):?\?", text.replace("$$", "")))


# .env files ------------------------------------------------------------------------------------


def read_env_file(text: str) -> dict[str, str]:
    """NAME=value lines as Compose reads an env_file: comments and blank lines skipped, quotes removed."""
    values: dict[str, str] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, separator, value = line.partition("=")
        assert separator, f"not NAME=value: {line!r}"
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        else:
            value = value.split(" #", 1)[0].rstrip()
        values[name.strip()] = value
    return values


def documented_optional(text: str) -> dict[str, str]:
    """The `# NAME=default` lines: optional variables, shown with their default."""
    return dict(re.findall(r"^#\s*([A-Z][A-Z0-9_]*)=(.*)$", text, re.MULTILINE))


# The Dockerfile ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Instruction:
    keyword: str
    arguments: str


def dockerfile_instructions() -> list[Instruction]:
    """The Dockerfile's instructions, with continuation lines joined and comments dropped."""
    instructions: list[Instruction] = []
    pending = ""
    for line in DOCKERFILE.read_text().splitlines():
        stripped = line.strip()
        if not pending and (not stripped or stripped.startswith("#")):
            continue
        if stripped.endswith("\\"):
            pending += stripped[:-1] + " "
            continue
        whole = (pending + stripped).strip()
        pending = ""
        keyword, _, arguments = whole.partition(" ")
        instructions.append(Instruction(keyword.upper(), arguments.strip()))
    return instructions


def dockerfile_env() -> dict[str, str]:
    """The variables the image sets with ENV (NAME=value form)."""
    values: dict[str, str] = {}
    for instruction in dockerfile_instructions():
        if instruction.keyword == "ENV":
            values.update(dict(token.split("=", 1) for token in shlex.split(instruction.arguments)))
    return values


@dataclass(frozen=True)
class RunStep:
    """A `RUN NAME=value ... command args` step: the variables set for it alone, and its command."""

    env: dict[str, str]
    argv: list[str]


def dockerfile_run_steps() -> list[RunStep]:
    steps = []
    for instruction in dockerfile_instructions():
        if instruction.keyword != "RUN":
            continue
        tokens = shlex.split(instruction.arguments)
        env = {}
        while tokens and re.fullmatch(rf"{_NAME}=.*", tokens[0], re.DOTALL):
            name, _, value = tokens.pop(0).partition("=")
            env[name] = value
        steps.append(RunStep(env=env, argv=tokens))
    return steps


def exec_form(arguments: str) -> list[str]:
    """The JSON array of a CMD or HEALTHCHECK ... CMD instruction."""
    return yaml.safe_load(arguments[arguments.index("[") :])


def example_dotenv_filled_in() -> dict[str, str]:
    """.env.example after the first-deployment steps of docs/operations.md: a SECRET_KEY and a database password."""
    return {
        **read_env_file(ENV_EXAMPLE.read_text()),
        "SECRET_KEY": secrets.token_hex(40),
        "POSTGRES_PASSWORD": secrets.token_hex(24),
    }


# A container's view -------------------------------------------------------------------------------


def service_environment(name: str, dotenv: Mapping[str, str]) -> dict[str, str]:
    """The environment a container of this service starts with, given the .env next to the compose file.

    As Docker builds it: the image's ENV, then the env_file, then `environment:` (each wins over
    the one before), with ${...} expanded from .env.
    """
    service = compose()["services"][name]
    environment = dict(dockerfile_env()) if service.get("build") else {}
    env_files = service.get("env_file", [])
    for env_file in [env_files] if isinstance(env_files, str) else env_files:
        assert env_file == ".env", "the tests read .env.example as the .env file"
        environment.update(dotenv)
    for key, value in (service.get("environment") or {}).items():
        environment[key] = interpolate(str(value), dotenv)
    return environment


def service_command(name: str) -> list[str]:
    command = compose()["services"][name]["command"]
    return command if isinstance(command, list) else shlex.split(command)


# What the code reads --------------------------------------------------------------------------------

_ENV_READERS = {"env_str", "env_bool", "env_int", "env_list", "env_choice", "env_url", "getenv"}


def variables_read_by_code() -> dict[str, set[str]]:
    """Each environment variable the deployed Python code reads, with the files that read it.

    Not the tests, nor the benchmarks (bench/), which run from a developer's machine.
    """
    found: dict[str, set[str]] = {}
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        if relative.parts[0] in {".venv", "tests", "bench"} or "migrations" in relative.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            name = _variable_read(node)
            if name:
                found.setdefault(name, set()).add(str(relative))
    return found


def _variable_read(node: ast.AST) -> str | None:
    if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
        function = node.func
        called = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
        on_environ = isinstance(function, ast.Attribute) and _is_os_environ(function.value)
        if called in _ENV_READERS or (on_environ and called in {"get", "setdefault"}):
            return node.args[0].value if isinstance(node.args[0].value, str) else None
    if isinstance(node, ast.Subscript) and _is_os_environ(node.value) and isinstance(node.slice, ast.Constant):
        return node.slice.value
    return None


def _is_os_environ(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "environ"
