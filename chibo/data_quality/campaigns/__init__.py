"""The data-cleaning campaign: the four tests cached per member, the dashboard, confirmations.

`actions` writes (campaigns, confirmations, fixes through the registry, the check cache and the
daily snapshots); `queries` reads (dashboard aggregates, the record page, the list to fix).
"""
