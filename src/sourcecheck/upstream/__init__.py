"""Where a resource's local copy comes from, and fetching it again (``sourcecheck refresh``).

    spec.py      a resource's ``upstream``: an address, or an address with headers, query
                 parameters and the format of the response
    formats.py   the converters from a response's bytes to the local file's bytes, by name
    fetch.py     one conditional request (ETag / Last-Modified), within the download limits
    retrieval.py the retrieval record a refresh writes (date, ETag, Last-Modified)

The local copy is what ``check`` reads, offline; nothing here runs unless asked for
(``refresh --allow-remote``).
"""
