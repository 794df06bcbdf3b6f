"""The api app's tables."""
