"""Elections and motions at a congress: candidate lists, ballots, counting (issue 12)."""
