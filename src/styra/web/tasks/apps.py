"""Long work off the request path: progress, outcome and the workers that do it."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    name = "styra.web.tasks"
    label = "tasks"
    verbose_name = _("Bakgrundsarbete")
