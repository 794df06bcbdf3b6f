"""Sign-in throttling: django-axes counts failed sign-ins; this app says what people see.

Axes refuses a locked sign-in in its authentication backend and records every failure in
its own tables (shown in the admin). This app renders the refusal as the sign-in page in
Swedish, saying when to try again, and writes each lock-out as one line to the log.
"""
