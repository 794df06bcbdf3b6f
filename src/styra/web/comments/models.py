"""The comments app's tables."""
