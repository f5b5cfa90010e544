"""Fixtures for the formatter tests (the reports are built in report_samples.py)."""

from __future__ import annotations

import pytest
from report_samples import check_report, validate_report

from sourcecheck.report import Report


@pytest.fixture
def checked() -> Report:
    return check_report()


@pytest.fixture
def validated() -> Report:
    return validate_report()
