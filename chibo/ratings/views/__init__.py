"""Pages of the ratings module: rounds and assessments (`views.rounds`), history, streaks and
the member-record section (`views.history`), downloads (`views.downloads`)."""
