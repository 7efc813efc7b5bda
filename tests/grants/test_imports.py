"""Grants' modules import one way only: no cycles (function-level imports count) and edges over
services over queries and rules over models (the grants contracts in pyproject.toml)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_grants_import_contracts_are_kept(monkeypatch, capsys):
    from importlinter.cli import lint_imports

    monkeypatch.chdir(ROOT)
    exit_code = lint_imports(
        config_filename=str(ROOT / "pyproject.toml"),
        limit_to_contracts=("grants-acyclic", "grants-layers"),
        no_cache=True,
    )
    out = capsys.readouterr().out
    assert exit_code == 0, out
    assert "2 kept, 0 broken" in out


def test_no_import_fallbacks_anywhere():
    """No `try: import ... except ImportError` in the project's own code (issue 14)."""
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("nolimits", "pledges", "volunteers", "grants", "bin", "bench", "tests")
        if (ROOT / folder).exists()
        for path in (ROOT / folder).rglob("*.py")
        if "except ImportError" in path.read_text() and path.name != "test_imports.py"
    ]
    assert offenders == []
