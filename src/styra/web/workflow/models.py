"""The workflow app's tables."""
