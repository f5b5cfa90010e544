"""Where a resource's local copy comes from (its ``upstream``), and how an answer becomes it."""
