"""The workflow app's addresses, beside the period's own (n/<nämnd>/<period>/...)."""

from django.urls import URLPattern, URLResolver, path

from styra.web.workflow import views

P = "n/<slug:slug>/<slug:period>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(P + "ansvar/", views.responsibilities, name="responsibilities"),
    path(P + "klar/<slug:kind>/<int:pk>/", views.mark_ready, name="mark_ready"),
    path(P + "ateroppna/<slug:kind>/<int:pk>/", views.reopen, name="reopen"),
]
