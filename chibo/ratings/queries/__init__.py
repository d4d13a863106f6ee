"""Reads of the ratings module, through access.policy: rounds and ratings
(`queries.rounds`), history and streaks (`queries.history`), the cap (`queries.cap`)."""
