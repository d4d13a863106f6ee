"""The training pages: a unit's courses and who still needs which course, a course's sessions,
learners and certificates, the public verification of a certificate."""
