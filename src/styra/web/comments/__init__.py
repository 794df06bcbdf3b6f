"""Comment threads on indicators, goals, lines and sections, kept with the period."""
