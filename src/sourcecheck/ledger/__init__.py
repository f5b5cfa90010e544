"""The claims ledger: ``articles/<slug>/claims.yaml``, one per article.

    model.py             Ledger, Claim, Anchor, Reference, Derivation, Waiver (data)
    load.py              safe YAML, validated against ledger.schema.json, typed
                         (``from sourcecheck.ledger.load import load_ledger``: it imports
                         the YAML and JSON Schema libraries, which a cached check never needs)
    ledger.schema.json   the published shape of a ledger (docs/ledger.schema.json)
"""

from __future__ import annotations

from .model import LEDGER_NAME, Acknowledgement, Anchor, Claim, Derivation, Key, Ledger, Reference, Waiver

__all__ = [
    "LEDGER_NAME",
    "Acknowledgement",
    "Anchor",
    "Claim",
    "Derivation",
    "Key",
    "Ledger",
    "Reference",
    "Waiver",
]
