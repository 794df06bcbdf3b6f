"""Writers of the computed follow-up: JSON data and the terminal summary (documents elsewhere)."""
