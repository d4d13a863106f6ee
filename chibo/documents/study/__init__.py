"""Study campaigns (quán triệt): documents, materials, sessions, a quiz, results and reminders."""
