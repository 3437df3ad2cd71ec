"""Every setting werkset reads from the environment is in README's configuration table.

An IT department configures werkset from that table (issue 20): a variable read in
conf/*.py but missing there is a setting nobody can find. Rows may name several variables,
each written out in full between backticks.
"""

import ast
import re
from pathlib import Path

import werkset

PACKAGE = Path(werkset.__file__).resolve().parent
README = PACKAGE.parents[1] / "README.md"
NAME = re.compile(r"`(WERKSET_[A-Z0-9_]+|DATABASE_URL)`")
ENV_READERS = {"env_str", "env_bool", "env_int", "env_list", "env_required", "get", "getenv"}


def _names_read_in_settings() -> set[str]:
    """The WERKSET_* names passed to an environment reader in conf/*.py."""
    names = set()
    for module in sorted((PACKAGE / "conf").glob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            first = node.args[0]
            if (
                called in ENV_READERS
                and isinstance(first, ast.Constant)
                and isinstance(first.value, str)
                and first.value.startswith("WERKSET_")
            ):
                names.add(first.value)
    return names


def _configuration_rows() -> list[str]:
    """The first cell of each row of the table under '## Configuration'."""
    section = README.read_text(encoding="utf-8").split("## Configuration", 1)[1]
    section = section.split("\n## ", 1)[0]
    return [
        line.split("|")[1]
        for line in section.splitlines()
        if line.startswith("| `") and line.count("|") >= 3
    ]


def _documented_names() -> set[str]:
    return {name for cell in _configuration_rows() for name in NAME.findall(cell)}


def test_settings_read_several_variables():
    # The parser finds what it should: a guard against a test that passes on nothing.
    names = _names_read_in_settings()
    assert {"WERKSET_SECRET_KEY", "WERKSET_BROKER_URL", "WERKSET_OIDC_JWKS_ENDPOINT"} <= names


def test_every_variable_read_in_the_settings_is_in_the_readme_table():
    missing = sorted(_names_read_in_settings() - _documented_names())
    assert missing == [], f"README's configuration table lacks: {', '.join(missing)}"


def test_the_readme_table_writes_every_name_in_full():
    abbreviated = [cell.strip() for cell in _configuration_rows() if "…" in cell or "..." in cell]
    assert abbreviated == []


def test_every_variable_in_the_readme_table_is_read_somewhere():
    source = "\n".join(
        path.read_text(encoding="utf-8")
        for path in PACKAGE.rglob("*.py")
        if "tests" not in path.parts
    )
    unread = sorted(name for name in _documented_names() if f'"{name}"' not in source)
    assert unread == [], f"README documents variables werkset never reads: {', '.join(unread)}"
