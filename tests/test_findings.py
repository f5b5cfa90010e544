from sourcecheck import CODES, Coverage, Finding, Report, Severity


def test_every_code_is_well_formed():
    for key, code in CODES.items():
        assert key == code.code
        assert code.code[:2] == "SC" and code.code[2:].isdigit() and len(code.code) == 5
        assert code.name == code.name.lower() and " " not in code.name
        assert code.summary.endswith(".")
    names = [code.name for code in CODES.values()]
    assert len(names) == len(set(names)), "two codes share a name"


def test_location_of_table_and_text_findings():
    assert Finding("SC120", "x", path="a.csv", row=3, field="share").location == "a.csv:3:share"
    assert Finding("SC101", "x", path="p.json", line=4, column=7).location == "p.json:4:7"


def test_acknowledged_findings_do_not_fail_the_report():
    failing = Finding("SC120", "bad")
    report = Report("check", findings=[Finding("SC120", "bad", acknowledged="known")])
    assert report.valid and report.exit_code == 0
    report.findings.append(failing)
    assert not report.valid and report.exit_code == 1
    assert report.failures == [failing]


def test_report_round_trips_to_a_plain_dict():
    report = Report("check", findings=[Finding("SC120", "bad", path="a.csv", row=2, field="f")],
                    coverage=Coverage(linked=3, waived=1, unlinked=0))
    data = report.to_dict()
    assert data["valid"] is False
    assert data["coverage"] == {"linked": 3, "waived": 1, "unlinked": 0, "total": 4}
    finding = data["findings"][0]
    assert (finding["code"], finding["name"], finding["severity"]) == ("SC120", "type-error", "error")
    assert Severity(finding["severity"]) is Severity.ERROR


def test_every_registered_code_is_emitted_somewhere():
    """A code nobody emits is a promise the registry cannot keep: each must be named, as
    ``SC.<NAME>``, in the code of a module that finds things (not in a comment, and not
    only in a report format or in mutate, which read codes rather than emit them)."""
    import ast
    from pathlib import Path

    import sourcecheck.codes
    from sourcecheck.codes import SC

    package = Path(sourcecheck.codes.__file__).parent
    named: set[str] = set()
    for path in package.rglob("*.py"):
        relative = path.relative_to(package).parts
        if path.name == "codes.py" or relative[0] in ("formats", "mutate"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "SC":
                named.add(SC[node.attr].value)
    assert sorted(set(CODES) - named) == []


def test_finding_codes_are_not_written_as_literals():
    """Code names a finding code by its constant; a literal "SCnnn" is a typo waiting to happen."""
    import re
    from pathlib import Path

    import sourcecheck.codes

    package = Path(sourcecheck.codes.__file__).parent
    literal = re.compile(r"[\"']SC\d{3}[\"']")
    offenders = [f"{path.relative_to(package)}:{number}" for path in package.rglob("*.py") if path.name != "codes.py"
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
                 if literal.search(line.split("#", 1)[0])]
    assert offenders == []
