"""Data packages: load them with frictionless, read resources into pandas, validate.

    catalog = load_catalog(project)              # descriptors only
    catalog.resource("bcsp-2025", "shares").lookup("some-id")   # a Record
    report = validate(".")                       # every package, resource and schema
"""

from __future__ import annotations

from .package import Catalog, Package, Record, Resource, load_catalog
from .table import validate_table
from .validate import validate

__all__ = [
    "Catalog",
    "Package",
    "Record",
    "Resource",
    "load_catalog",
    "validate",
    "validate_table",
]
