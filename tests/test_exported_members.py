"""The public API is exactly ``sourcecheck.__all__``, sorted, and every name resolves."""

import __future__

import types

import sourcecheck


def test_all_is_sorted_and_complete():
    public = {name for name in dir(sourcecheck) if not name.startswith("_")}
    # submodules and the ``from __future__`` marker are not API
    plumbing = {name for name in public
                if isinstance(getattr(sourcecheck, name), (types.ModuleType, __future__._Feature))}
    assert sorted(sourcecheck.__all__) == sourcecheck.__all__
    assert set(sourcecheck.__all__) == public - plumbing


def test_importing_the_package_stays_light():
    import subprocess
    import sys

    code = "import sys, sourcecheck; print(sorted({'pandas', 'pandera', 'frictionless'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_command_line_does_without_hypothesis_and_gives_it_back(tmp_path):
    """pandera imports hypothesis only for data synthesis: a command never loads it, and
    the process can still import it afterwards."""
    import subprocess
    import sys
    from pathlib import Path

    example = Path(__file__).resolve().parents[1]
    code = ("import sys\nfrom sourcecheck.cli import main\n"
            f"code = main(['validate', {str(example)!r}, '--output', {str(tmp_path / 'r.txt')!r}])\n"
            "loaded = sorted(name for name in sys.modules if name.split('.')[0] == 'hypothesis'"
            " and sys.modules[name] is not None)\n"
            "import hypothesis\n"
            "print(code, 'pandera' in sys.modules, loaded, hypothesis.__name__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["0", "True", "[]", "hypothesis"]


def test_a_run_says_once_that_an_uninstalled_geopandas_is_absent_and_forgets_it_after(monkeypatch):
    """pandera tries to import geopandas for every column it checks; when it is not
    installed, the run shows it as absent (one look-up instead of a path search each time)
    and leaves sys.modules as it found it."""
    import importlib.util
    import sys

    from sourcecheck import cli

    installed = importlib.util.find_spec("geopandas") is not None
    seen: list[object] = []
    monkeypatch.setattr(cli, "_main", lambda argv: seen.append(sys.modules.get("geopandas", "missing")) or 0)
    before = "geopandas" in sys.modules
    assert cli.main(["validate"]) == 0
    assert seen == (["missing"] if installed else [None])
    assert ("geopandas" in sys.modules) == before
