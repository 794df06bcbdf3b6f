"""``styra publish``: the report as a small accessible static site (see site.py)."""
