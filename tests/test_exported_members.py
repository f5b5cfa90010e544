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
