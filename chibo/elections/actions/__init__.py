"""Every write of the elections module: candidate lists (`lists`), polls and electronic ballots
(`polls`), paper entries and their count (`paper`), motions (`motions`)."""
