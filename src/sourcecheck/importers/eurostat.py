"""``sourcecheck import eurostat DATASET NAME``: a Eurostat dataset (Statistics API,
JSON-stat 2.0) as a data package.

One request, ``<base>/<DATASET>?<filters>&format=JSON&lang=EN`` (a filter names a
dimension and one of its codes, ``geo=NL``; a dimension filtered twice keeps both codes),
gives the cube, its labels and its last update.  The package holds the cells (resource
``data``: a column per dimension, keyed by them, then ``value`` and ``status``, the flag)
and the labels of every code (resource ``labels``), each with an ``upstream`` that
``sourcecheck refresh`` reads with the ``eurostat-json-stat`` and
``eurostat-json-stat-labels`` formats.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from urllib.parse import urlencode

from ..errors import InputError, UsageError
from ..project import Project
from ..sources.new_package import NewPackage, check_name
from ..upstream import jsonstat
from ..upstream.formats import FormatError
from .fetch import get, upstream
from .package import FieldInfo, ImportedTable, Published, project_of, write
from .units import unit

BASE_URL = "https://ec.europa.eu/eurostat/api/dissemination/statistics/1.0/data"
DATA_BROWSER = "https://ec.europa.eu/eurostat/databrowser/view/{dataset}/default/table"
PUBLISHER = "Eurostat"
_DATASET = re.compile(r"[A-Za-z0-9_$.-]{2,64}")
_FILTER_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")


def parse_filters(texts: Sequence[str]) -> dict[str, list[str]]:
    """``["geo=NL", "geo=BE", "time=2023"]`` as ``{"geo": ["NL", "BE"], "time": ["2023"]}``."""
    filters: dict[str, list[str]] = {}
    for text in texts:
        name, equals, value = text.partition("=")
        if not equals or not _FILTER_NAME.fullmatch(name.strip()) or not value.strip():
            raise UsageError(f"--filter {text!r}: write a dimension and a code, e.g. --filter geo=NL")
        filters.setdefault(name.strip(), []).append(value.strip())
    return filters


def import_dataset(dataset: str, name: str, *, filters: Sequence[str] = (), lang: str = "EN",
                   project: Project | str | os.PathLike[str] = ".", base_url: str | None = None,
                   force: bool = False) -> NewPackage:
    """Fetch Eurostat dataset ``dataset`` (filtered) and write it as ``datapackages/<name>/``."""
    if not _DATASET.fullmatch(dataset):
        raise UsageError(f"{dataset!r} is not a Eurostat dataset code (e.g. demo_pjan)")
    check_name(name)
    project = project_of(project)
    # the filters go in the address: a dimension may be filtered to several codes (geo=NL&geo=BE),
    # which an upstream's params, one value a name, cannot say
    query = urlencode([(name, code) for name, codes in parse_filters(filters).items() for code in codes])
    url = f"{(base_url or BASE_URL).rstrip('/')}/{dataset}" + (f"?{query}" if query else "")
    params = {"format": "JSON", "lang": lang}
    body = get(url, params)
    try:
        cube = jsonstat.read(body)
        fields = jsonstat.default_fields(cube)
        data = jsonstat.convert(body, {"schema": {"fields": [{"name": field} for field in fields]}})
        labels = jsonstat.convert_labels(body, {})
    except FormatError as error:
        raise InputError(str(error), url) from None
    if len(fields) != len(set(fields)):
        raise InputError("a dimension is called value or status: the table cannot hold it", url)
    units = next((dimension for dimension in cube.dimensions if dimension.id == "unit"), None)
    single_unit = units.labels.get(units.codes[0], units.codes[0]) if units and len(units.codes) == 1 else ""
    info = {dimension.id: FieldInfo(dimension.label, f"the code of the {dimension.label.lower()} "
                                    "(its label is in the labels resource)") for dimension in cube.dimensions}
    info[jsonstat.VALUE] = FieldInfo("value", "the figure" + (f", in {single_unit}" if single_unit else
                                     ", in the unit its unit column names" if units else ""), unit(single_unit))
    info[jsonstat.STATUS] = FieldInfo("status", "Eurostat's flag for the figure (e.g. p provisional, "
                                      "e estimated, b break in the series); empty when none")
    tables = [
        ImportedTable("data", data, upstream(url, params, "eurostat-json-stat"), title=cube.label,
                      key=tuple(dimension.id for dimension in cube.dimensions), fields=info),
        ImportedTable("labels", labels, upstream(url, params, "eurostat-json-stat-labels"),
                      title=f"{cube.label}: the label of every code", key=("dimension", "code")),
    ]
    published = Published(cube.label or dataset, PUBLISHER, DATA_BROWSER.format(dataset=dataset),
                          modified=cube.updated)
    return write(name, tables, published, project=project, force=force)
