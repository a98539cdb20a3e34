"""Writes about steering committees (Ban Chỉ đạo): establish one under its document, add and end its
members' seats, assign and end who oversees which unit (phân công phụ trách). Each is one audited
transaction; the actor must edit the establishing unit. Nothing is deleted: seats and oversights end.

The establishing document is cited as written ("Quyết định số 32-QĐ/TU") and so found in, or entered
into, the document register. A member is a `Person` (found or recorded as for conferences). An oversight
names a current member of the body or an agency (kept by name), and a unit under the body's unit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db.models import Q

from dangvu.core.errors import DomainError
from dangvu.documents.services import document_cite, writing
from dangvu.meetings.models import Body, BodyMember, Oversight, Person
from dangvu.meetings.services import clean_positions, person_record, require_editor
from dangvu.organisations.models import Organisation


def _active_on(on: dt.date) -> Q:
    return Q(valid_from__lte=on) & (Q(valid_to__isnull=True) | Q(valid_to__gt=on))


def body_establish(
    *,
    actor: Any,
    organisation: Organisation,
    name: str,
    established_on: dt.date,
    document: str = "",
) -> Body:
    """A steering committee of `organisation`, set up by `document` (as written) on `established_on`."""
    require_editor(actor, organisation)
    clean = " ".join(name.split())
    if not clean:
        raise DomainError("Cần tên Ban Chỉ đạo.", field="name")
    if organisation.dissolved_on and established_on >= organisation.dissolved_on:
        raise DomainError(f"«{organisation.name}» đã giải thể trước ngày thành lập.", field="established_on")
    with writing(actor):
        doc = None
        if document.strip():
            try:
                doc = document_cite(actor=actor, reference=document, organisation=organisation)
            except DomainError as e:
                raise DomainError(e.message, field="document") from None
        return Body.objects.create(
            organisation=organisation, name=clean, established_by=doc, established_on=established_on
        )


def _require_live(actor: Any, body: Body, on: dt.date) -> None:
    require_editor(actor, body.organisation)
    if on < body.established_on:
        raise DomainError(
            f"Ngày {on:%d/%m/%Y} trước ngày thành lập Ban ({body.established_on:%d/%m/%Y}).",
            field="valid_from",
        )
    if body.dissolved_on and on >= body.dissolved_on:
        raise DomainError("Ban Chỉ đạo đã kết thúc hoạt động.", field="valid_from")


def body_member_add(
    *,
    actor: Any,
    body: Body,
    full_name: str,
    role: str,
    valid_from: dt.date,
    positions: Sequence[str] | str = (),
) -> BodyMember:
    """Seat a person in the body with `role` (Trưởng ban, Phó Trưởng ban, Thành viên …) from a day."""
    _require_live(actor, body, valid_from)
    clean_role = " ".join(role.split())
    if not clean_role:
        raise DomainError("Cần vai trò trong Ban.", field="role")
    with writing(actor):
        person = person_record(
            actor=actor,
            full_name=full_name,
            positions=clean_positions(positions),
            on=valid_from,
            home=body.organisation,
        )
        if body.members.filter(_active_on(valid_from), person=person).exists():
            raise DomainError(f"{person} đang là thành viên Ban.", field="full_name")
        return BodyMember.objects.create(body=body, person=person, role=clean_role, valid_from=valid_from)


def body_member_end(*, actor: Any, seat: BodyMember, valid_to: dt.date) -> BodyMember:
    """The seat ends on `valid_to` (the member no longer sits from that day); their oversights end too."""
    require_editor(actor, seat.body.organisation)
    if seat.valid_to is not None:
        raise DomainError(f"{seat.person} đã thôi tham gia Ban.")
    if valid_to <= seat.valid_from:
        raise DomainError(f"Ngày thôi phải sau ngày {seat.valid_from:%d/%m/%Y}.", field="valid_to")
    with writing(actor):
        seat.valid_to = valid_to
        seat.save(update_fields=["valid_to"])
        for o in seat.body.oversights.filter(person=seat.person, valid_to__isnull=True):
            o.valid_to = max(valid_to, o.valid_from + dt.timedelta(days=1))
            o.save(update_fields=["valid_to"])
    return seat


def oversight_assign(
    *,
    actor: Any,
    body: Body,
    organisation: Organisation,
    valid_from: dt.date,
    person: Person | None = None,
    agency: str = "",
) -> Oversight:
    """`person` (a current member of the body) or `agency` oversees `organisation` from `valid_from`."""
    _require_live(actor, body, valid_from)
    agency = " ".join(agency.split())
    if (person is None) == (not agency):
        raise DomainError("Cần chọn một thành viên Ban hoặc ghi một cơ quan phụ trách.", field="person")
    if not organisation.path.startswith(body.organisation.path) or organisation.pk == body.organisation_id:
        raise DomainError(
            f"«{organisation.name}» không thuộc «{body.organisation.name}».", field="organisation_code"
        )
    if organisation.dissolved_on and valid_from >= organisation.dissolved_on:
        raise DomainError(f"«{organisation.name}» đã giải thể.", field="organisation_code")
    if person is not None and not body.members.filter(_active_on(valid_from), person=person).exists():
        raise DomainError(f"{person} không là thành viên Ban vào ngày {valid_from:%d/%m/%Y}.", field="person")
    same = body.oversights.filter(organisation=organisation, valid_to__isnull=True)
    same = same.filter(person=person) if person is not None else same.filter(agency=agency)
    if same.exists():
        raise DomainError(
            f"{person or agency} đang phụ trách «{organisation.name}».", field="organisation_code"
        )
    with writing(actor):
        return Oversight.objects.create(
            body=body, organisation=organisation, person=person, agency=agency, valid_from=valid_from
        )


def oversight_end(*, actor: Any, oversight: Oversight, valid_to: dt.date) -> Oversight:
    if oversight.body is None:
        raise DomainError("Phân công này không thuộc Ban Chỉ đạo nào.")
    require_editor(actor, oversight.body.organisation)
    if oversight.valid_to is not None:
        raise DomainError("Phân công này đã kết thúc.")
    if valid_to <= oversight.valid_from:
        raise DomainError(f"Ngày kết thúc phải sau ngày {oversight.valid_from:%d/%m/%Y}.", field="valid_to")
    with writing(actor):
        oversight.valid_to = valid_to
        oversight.save(update_fields=["valid_to"])
    return oversight
