"""Getting a period's follow-up done: deadlines, assignments, ready-marking and reminders."""
