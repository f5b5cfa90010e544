"""``sourcecheck refresh``: each resource fetched again from its upstream, and what the
revision would change and break.

    command.py  refresh(): the conditional requests, the writes (atomic)
    trial.py    the new versions tried out in a temporary copy of the project
    cells.py    the cells a revision changed, by row key and field
    outcome.py  what was found per resource; the exit code
"""

from .command import refresh
from .outcome import RefreshReport

__all__ = ["RefreshReport", "refresh"]
