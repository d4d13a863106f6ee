"""The reporting regime up the tree: templates, requests, submissions, roll-up (issue 11)."""
