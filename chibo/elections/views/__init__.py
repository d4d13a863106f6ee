"""The elections pages: a congress's elections and motions (`congress`), an election and its
list (`election`), a poll with its vote, entries, reconciliation and files (`poll`), and the
projector (`projector`)."""
