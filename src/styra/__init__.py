"""Styra: goal and financial follow-up for Swedish municipalities and their committees."""

__version__ = "0.1.0"
