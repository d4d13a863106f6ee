"""Every write of the reports module: templates, requests, submissions (one module by subject)."""
