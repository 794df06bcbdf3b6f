"""The comments app's addresses, beside the follow-up's item pages."""

from django.urls import URLPattern, URLResolver, path

from styra.web.comments import views

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "n/<slug:slug>/<slug:period>/kommentarer/<slug:kind>/<int:pk>/",
        views.thread,
        name="comment_thread",
    ),
]
