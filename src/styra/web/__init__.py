"""The web application: a Django project on the pure core (see README.md)."""
