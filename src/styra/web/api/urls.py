"""The api app's addresses: the API itself (v1), its documentation, and API-nycklar."""

from django.urls import URLPattern, URLResolver, path

from styra.web.api import pages
from styra.web.api.api import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("v1/docs/", pages.docs, name="api_docs"),
    path("v1/", api.urls),
    path("nycklar/", pages.tokens_page, name="api_tokens"),
    path("nycklar/<int:pk>/aterkalla/", pages.revoke, name="api_token_revoke"),
]
