"""Dangvu: công tác đảng vụ — the party-building work of a Vietnamese Party committee, in one system."""

__version__ = "0.1.0"
