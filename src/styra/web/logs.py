"""Logging for the web application: a refused request is one line, not a traceback."""

from __future__ import annotations

import logging

SERVER_ERROR = 500


class ClientErrorsOnOneLine(logging.Filter):
    """Drops the traceback from records of 4xx responses (Django logs a 403 with one).

    On the ``django.request`` logger it acts before any handler; on the console handler it
    also covers ``django.security.*`` (400). Records of 5xx responses keep their traceback.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and status < SERVER_ERROR:
            record.exc_info = None
            record.exc_text = None
        return True
