"""National scale: what many servers over one database need beyond the follow-up app."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NationalConfig(AppConfig):
    name = "styra.web.national"
    label = "national"
    verbose_name = _("Nationell skala")
