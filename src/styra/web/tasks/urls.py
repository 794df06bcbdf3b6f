"""A job's page, under the period it belongs to."""

from django.urls import path

from styra.web.tasks import views

urlpatterns = [
    path("n/<slug:slug>/<slug:period>/uppgift/<uuid:pk>/", views.job_page, name="job"),
    path("n/<slug:slug>/<slug:period>/uppgift/<uuid:pk>/fil/", views.job_file, name="job_file"),
]
