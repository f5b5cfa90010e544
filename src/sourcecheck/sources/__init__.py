"""Data packages: descriptors read with frictionless, resources read into pandas, validated.

    catalog.py      Catalog -> Package -> Resource, loaded from descriptors (CSVs on demand)
    record.py       Record: one row as a claim reads it (plain data)
    lookup.py       the record a ledger's reference names
    descriptor.py   a datapackage.json: JSON with positions, frictionless's checks
    paths.py        resource paths kept inside their package; remote addresses
    remote.py       downloads for --allow-remote: http(s) only, within the download limits
    read.py         a CSV into pandas, fast, keeping each cell's place
    fieldtypes.py   Table Schema types, column by column
    tableschema.py  Table Schema checks (types, constraints, keys), vectorised
    patterns.py     untrusted regular expressions, run with re's meaning and a time limit
    foreignkeys.py  foreign keys within and across resources
    table.py        one CSV and its Table Schema: read, then check
    schemas.py      the pandera schemas of schemas/<package>.<resource>.yaml
    statistics.py   the statistical rules those schemas can name (registered checks)
    columns.py      a frame's columns as the rules read them (figures with their precision)
    validate.py     every finding about every resource
    pinning.py      a resource's hash and bytes, and the file that no longer has them (SC106)
    lock.py         ``lock``: every local resource pinned to its bytes
    jsonedit.py     members of a JSON object set in the text, every other byte as it was
    blocks.py       a large CSV cut into blocks of whole records (validated block by block)
    partition.py    the checks of one block, and of one bucket of a check across rows
    splitschema.py  a pandera schema split into the checks of one row and those across rows
    inblocks.py     one resource validated in blocks, on an engine given by the runner
    scan.py         claims' records found by scans of a large resource, not read whole
    inference.py    a raw table's Table Schema, keys and pandera schema stub, inferred
    new_package.py  ``package new``: a data package written from raw tables

Importing ``sourcecheck.sources`` loads nothing heavy; its modules import pandas (and
``schemas``/``validate`` pandera), so import the one you need.
"""
