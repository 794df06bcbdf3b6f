"""The site's addresses: sign-in, admin and the follow-up app."""

from django.contrib import admin
from django.urls import include, path

from styra.web.followup.views import pages

urlpatterns = [
    path("konto/logga-in/", pages.sign_in, name="login"),
    path("konto/", include("styra.web.signin.urls")),  # logga-ut/, oidc/ (the provider)
    path("admin/", admin.site.urls),
    path("api/", include("styra.web.api.urls")),
    path("", include("styra.web.workflow.urls")),
    path("", include("styra.web.comments.urls")),
    path("", include("styra.web.tasks.urls")),
    path("", include("styra.web.followup.urls")),
]
