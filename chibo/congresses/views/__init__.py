"""The congress pages by subject: `congress` (list, new, overview and its forms), `delegates`,
`gate` (check-in), `tablet` (a delegate's pages, offline reading), `cards` (home page)."""
