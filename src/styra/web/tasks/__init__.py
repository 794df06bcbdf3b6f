"""Background work on the queue kept in the database (django-tasks' database backend).

A person starts a piece of long work (a SIE import, a report, an archive, a Kolada refresh);
a :class:`~styra.web.tasks.models.Job` row says how far it has come, in Swedish, and how it
ended. ``styra worker`` works the queue; ``styra serve`` starts one itself on the embedded
database. See README.md.
"""
