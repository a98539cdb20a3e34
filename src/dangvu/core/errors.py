"""Errors that services raise for the user: each carries a Vietnamese message that names what is wrong."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the domain refused the change; nothing was written. `message` is shown to the user."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class PermissionDenied(DomainError):
    """The acting user holds no role that allows this change."""
