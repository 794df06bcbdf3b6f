"""Getting a period's follow-up done: deadlines, assignments, ready-marking and reminders."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "styra.web.workflow"
    label = "workflow"
    verbose_name = _("Arbetsgång")

    def ready(self) -> None:
        from styra.web.followup.audit import recorded  # noqa: PLC0415
        from styra.web.workflow.parts import back_to_not_ready  # noqa: PLC0415

        recorded.connect(back_to_not_ready, dispatch_uid="workflow_back_to_not_ready")
