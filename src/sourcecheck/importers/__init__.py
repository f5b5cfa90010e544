"""``sourcecheck import``: a data package made from a statistics office's published table."""
