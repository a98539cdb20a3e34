"""Helpers of the reorganisation service tests: the database's state as plain values, and `refused`, which
checks a refusal's message and that it changed nothing."""

import datetime as dt

import pytest
from auditlog.models import LogEntry

from dangvu.core.errors import DomainError
from dangvu.organisations.models import Organisation, OrgLink, OrgName, Reorganisation, ReorganisationPart

START = dt.date(2000, 1, 1)
D = dt.date(2025, 7, 1)


def db_state():
    """Everything the services may write, as plain values, to show a refusal changed nothing."""
    return (
        list(
            Organisation.objects.order_by("id").values_list(
                "id",
                "code",
                "name",
                "name_folded",
                "kind",
                "parent_id",
                "path",
                "dissolved_on",
                "successor_id",
            )
        ),
        list(
            OrgLink.objects.order_by("id").values_list(
                "id", "child_id", "parent_id", "valid_from", "valid_to"
            )
        ),
        list(
            OrgName.objects.order_by("id").values_list(
                "id", "organisation_id", "name", "valid_from", "valid_to"
            )
        ),
        list(Reorganisation.objects.order_by("id").values_list("id", "kind", "effective_on")),
        ReorganisationPart.objects.count(),
        LogEntry.objects.count(),
    )


def refused(fn, match, exc=DomainError, **kwargs):
    before = db_state()
    with pytest.raises(exc) as e:
        fn(**kwargs)
    assert match in e.value.message
    assert db_state() == before
    return e.value


def links(org):
    return list(
        OrgLink.objects.filter(child=org)
        .order_by("valid_from")
        .values_list("parent__code", "valid_from", "valid_to")
    )


def parts(reorg):
    return sorted(reorg.parts.values_list("organisation__code", "role"))
