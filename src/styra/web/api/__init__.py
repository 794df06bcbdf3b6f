"""The REST API under /api/v1/ for the systems around Styra, with tokens."""
