"""Every write of congresses, by subject: `setup` (congress, sessions, committees), `delegates`
(allocation, delegates, credentials, exclusions, substitution, badges), `gate` (check-in),
`agenda`, `documents` (posting, read receipts), `floor` (questions and the speakers list)."""
