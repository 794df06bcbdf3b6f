"""The pure follow-up core: records and functions, no I/O, no Django."""
