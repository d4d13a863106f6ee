"""Pages of the commendations module: awards and proposals (`views.awards`), eligibility lists
and the member-record section (`views.lists`), campaigns (`views.campaigns`)."""
