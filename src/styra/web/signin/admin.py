"""The group mapping staff edit, and the accounts people have at the provider (read-only)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from styra.web.signin.models import GroupRole, ProviderIdentity


@admin.register(GroupRole)
class GroupRoleAdmin(admin.ModelAdmin[GroupRole]):
    """Applied at each sign-in through the provider: see signin.mapping."""

    list_display = ["group", "committee", "committee_role", "municipality", "municipal_role"]
    list_filter = ["committee", "municipality"]
    search_fields = ["group"]
    fieldsets = [
        (None, {"fields": ["group"]}),
        (_("Roll i en nämnd"), {"fields": ["committee", "committee_role"]}),
        (_("Roll i hela kommunen"), {"fields": ["municipality", "municipal_role"]}),
    ]


@admin.register(ProviderIdentity)
class ProviderIdentityAdmin(admin.ModelAdmin[ProviderIdentity]):
    """Made at a person's first sign-in; staff see them, and delete one to cut the link."""

    list_display = ["user", "issuer", "subject", "last_sign_in"]
    search_fields = ["user__username", "subject"]
    readonly_fields = ["user", "issuer", "subject", "groups", "created_at", "last_sign_in"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
