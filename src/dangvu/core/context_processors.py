"""What every page needs to know about the acting user: whether to show the administration menu."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def access(request: HttpRequest) -> dict[str, Any]:
    from dangvu.accounts.models import RoleLevel
    from dangvu.accounts.selectors import scope_paths

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_administrator": False}
    scope = scope_paths(user, RoleLevel.ADMINISTRATOR)
    return {"is_administrator": scope is None or bool(scope)}
