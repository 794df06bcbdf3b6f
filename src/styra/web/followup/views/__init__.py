"""Short typed function views; each checks access through one helper in ``access``."""
