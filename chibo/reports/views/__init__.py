"""The report pages: templates, requests with completeness and roll-up, a unit's report."""
