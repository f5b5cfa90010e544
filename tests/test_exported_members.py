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
