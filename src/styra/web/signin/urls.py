"""Under konto/: signing out, and the provider's sign-in (start and the way back)."""

from django.urls import path

from styra.web.signin import views

urlpatterns = [
    path("logga-ut/", views.sign_out, name="logout"),
    path("oidc/", views.start, name="oidc-start"),
    path("oidc/tillbaka/", views.callback, name="oidc-callback"),
]
