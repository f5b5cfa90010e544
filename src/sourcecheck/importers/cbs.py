"""``sourcecheck import cbs TABLE-ID NAME``: a CBS StatLine table (OData v3) as a data package.

From ``<base>/<table>/`` it reads ``TableInfos`` (title, modification date, reason of the
last delivery), ``DataProperties`` (each column: dimension or topic, title, description,
unit), ``TypedDataSet`` (the observations) and each dimension's codes and titles.  The
package holds the observations (resource ``data``: one column per dimension and topic,
keyed by the dimensions) and one resource per dimension (``Key``, ``Title``,
``Description``), each with an ``upstream`` that ``sourcecheck refresh`` reads with the
``cbs-odata`` format.
"""

from __future__ import annotations

import os
import re
from typing import Any

from ..errors import InputError, UsageError
from ..project import Project
from ..sources.new_package import NewPackage, check_name
from ..upstream import cbs_odata
from ..upstream.formats import FormatError
from .fetch import get, upstream
from .package import FieldInfo, ImportedTable, Published, project_of, write
from .units import unit

BASE_URL = "https://opendata.cbs.nl/ODataApi/odata"
STATLINE = "https://opendata.cbs.nl/statline/#/CBS/nl/dataset/{table}/table"
PUBLISHER = "Centraal Bureau voor de Statistiek (CBS, Statistics Netherlands)"
JSON = {"$format": "json"}
_TABLE_ID = re.compile(r"[0-9A-Za-z]{5,16}")
_DIMENSIONS = frozenset({"Dimension", "TimeDimension", "GeoDimension", "GeoDetail"})
_TOPIC = "Topic"
_CODE_FIELDS = ("Key", "Title", "Description")


def import_table(table_id: str, name: str, *, project: Project | str | os.PathLike[str] = ".",
                 base_url: str | None = None, force: bool = False) -> NewPackage:
    """Fetch CBS table ``table_id`` and write it as ``datapackages/<name>/``."""
    if not _TABLE_ID.fullmatch(table_id):
        raise UsageError(f"{table_id!r} is not a CBS table identifier (letters and digits, e.g. 37296ned)")
    check_name(name)
    project = project_of(project)
    table_url = f"{(base_url or BASE_URL).rstrip('/')}/{table_id}"
    infos = _rows(f"{table_url}/TableInfos")
    if not infos:
        raise InputError("CBS names no table here (TableInfos is empty)", f"{table_url}/TableInfos")
    info = infos[0]
    properties = _rows(f"{table_url}/DataProperties")
    dimensions = [spec for spec in properties if spec.get("Type") in _DIMENSIONS and spec.get("Key")]
    topics = [spec for spec in properties if spec.get("Type") == _TOPIC and spec.get("Key")]
    if not topics:
        raise InputError("the table has no topics (DataProperties names no column of figures)",
                         f"{table_url}/DataProperties")
    columns = [str(spec["Key"]) for spec in dimensions + topics]
    data_upstream = upstream(f"{table_url}/TypedDataSet", JSON, "cbs-odata")
    tables = [ImportedTable(
        "data", _converted(data_upstream, columns), data_upstream, title=_text(info.get("Title")),
        description=_text(info.get("ShortDescription") or info.get("Summary")),
        key=tuple(str(spec["Key"]) for spec in dimensions),
        fields={str(spec["Key"]): _field(spec) for spec in dimensions + topics},
        references={str(spec["Key"]): (_resource_name(str(spec["Key"])), "Key") for spec in dimensions})]
    for spec in dimensions:
        codes_upstream = upstream(f"{table_url}/{spec['Key']}", JSON, "cbs-odata")
        tables.append(ImportedTable(
            _resource_name(str(spec["Key"])), _converted(codes_upstream, list(_CODE_FIELDS)), codes_upstream,
            title=f"{_text(spec.get('Title')) or spec['Key']}: codes and titles", key=("Key",),
            fields={"Key": FieldInfo("code", f"the code of {spec['Key']} in the data")}))
    published = Published(_text(info.get("Title")) or table_id, PUBLISHER, STATLINE.format(table=table_id),
                          modified=_text(info.get("Modified")) or None,
                          delivery=_text(info.get("ReasonDelivery")) or None)
    return write(name, tables, published, project=project, force=force)


def _rows(url: str) -> list[dict[str, Any]]:
    try:
        return cbs_odata.rows(get(url, JSON))
    except FormatError as error:
        raise InputError(str(error), url) from None


def _converted(source: dict[str, Any], columns: list[str]) -> bytes:
    try:
        return cbs_odata.convert(get(source["url"], source["params"]), {"schema": {"fields": [
            {"name": column} for column in columns]}})
    except FormatError as error:
        raise InputError(str(error), source["url"]) from None


def _field(spec: dict[str, Any]) -> FieldInfo:
    return FieldInfo(_text(spec.get("Title")), _text(spec.get("Description")),
                     unit(_text(spec.get("Unit"))) if spec.get("Type") == _TOPIC else "")


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _resource_name(key: str) -> str:
    name = re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-") or "codes"
    return f"{name}-codes" if name == "data" else name
