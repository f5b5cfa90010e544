"""Wide, deep and pathological descriptors and ledgers, fuzzed under a memory and a time
cap (issue 15): loading them ends in findings or a SourcecheckError, never a crash,
never memory without bound, never a hang.

The fuzzing runs in a child process whose address space is capped (``RLIMIT_AS``) and
which is stopped by an alarm, so that a blow-up fails the test instead of the machine.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = textwrap.dedent('''
    import json, resource, shutil, signal, sys, tempfile
    from pathlib import Path

    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))  # 3 GiB: pandas and all fit
    signal.alarm(240)

    from hypothesis import HealthCheck, example, given, settings, strategies as st

    from sourcecheck.errors import SourcecheckError
    from sourcecheck.ledger.load import load_ledger
    from sourcecheck.sources.catalog import load_catalog

    ROOT = Path(sys.argv[1])
    SETTINGS = settings(max_examples=60, deadline=None, database=None, derandomize=True,
                        suppress_health_check=list(HealthCheck))

    def nested(depth, opener, closer, leaf):
        return opener * depth + leaf + closer * depth

    json_text = st.one_of(
        st.integers(1, 5000).map(lambda d: nested(d, "[", "]", "1")),
        st.integers(1, 5000).map(lambda d: nested(d, '{"a":', "}", "1")),
        st.integers(1, 200_000).map(lambda n: "[" + ",".join(["0"] * n) + "]"),
        st.integers(1, 3_000_000).map(lambda n: '"' + "x" * n + '"'),
        st.integers(1, 20_000).map(lambda n: "9" * n),
        st.sampled_from(["NaN", "Infinity", "-Infinity", "1e999", "\\ud800", '"\\\\ud800"', "[" * 10 + "]" * 9]),
    )

    @SETTINGS
    @given(json_text, st.sampled_from(["descriptor", "schema", "title"]))
    def fuzz_descriptor(text, where):
        with tempfile.TemporaryDirectory() as folder:
            project = Path(folder)
            shutil.copytree(ROOT / "datapackages" / "bcsp-2025", project / "datapackages" / "bcsp-2025")
            descriptor = project / "datapackages" / "bcsp-2025" / "datapackage.json"
            if where == "descriptor":
                descriptor.write_text(text, encoding="utf-8", errors="surrogatepass")
            else:
                data = json.loads(descriptor.read_text(encoding="utf-8"))
                raw = json.dumps(data)
                if where == "title":
                    raw = raw.replace('"title": ', '"title": ' + text + ', "x": ', 1)
                else:
                    raw = raw.replace('"schema": ', '"schema": ' + text + ', "y": ', 1)
                descriptor.write_text(raw, encoding="utf-8", errors="surrogatepass")
            try:
                catalog = load_catalog(project)
            except SourcecheckError:
                return
            for package in catalog.packages.values():
                for resource in package.resources.values():
                    resource.table  # noqa: B018 - reading it is the test

    yaml_text = st.one_of(
        st.integers(1, 5000).map(lambda d: "claims:\\n" + nested(d, "[", "]", "1") + "\\n"),
        st.integers(1, 5000).map(lambda d: "claims: " + nested(d, "{a: ", "}", "1") + "\\n"),
        st.integers(1, 3000).map(lambda d: "claims:\\n" + "".join("  " * i + "- \\n" for i in range(d))),
        st.integers(1, 9).map(lambda n: "a: &a [x]\\n" + "".join(f"{chr(98 + i)}: &{chr(98 + i)} "
                                                           f"[*{chr(97 + i)}, *{chr(97 + i)}]\\n"
                                                           for i in range(n))),
        st.integers(1, 200_000).map(lambda n: "claims: [" + ", ".join(["{}"] * n) + "]\\n"),
        st.integers(1, 3_000_000).map(lambda n: "article: " + "x" * n + "\\n"),
    )

    @SETTINGS
    @given(yaml_text)
    @example("claims: [" + ", ".join(["{}"] * 200_000) + "]\\n")  # a million schema errors
    def fuzz_ledger(text):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "claims.yaml"
            path.write_text(text, encoding="utf-8")
            try:
                load_ledger(path)
            except SourcecheckError:
                pass

    fuzz_descriptor()
    fuzz_ledger()
    print("fuzzed")
''')


def test_pathological_descriptors_and_ledgers_load_within_memory_and_time():
    done = subprocess.run([sys.executable, "-c", CHILD, str(ROOT)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stdout.strip() == "fuzzed", done.stderr[-3000:]
