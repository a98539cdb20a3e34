"""Writes to the organisation tree: establishing units and reorganising them, each on an effective date.

Every service checks the actor's role, validates the change (allowed kinds, no cycles, dates in order,
nothing left dangling), writes it and its audit trail in one transaction, and raises a DomainError with a
Vietnamese message otherwise, having changed nothing. `actor=None` is the system itself (CLI, demo).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from auditlog.context import set_actor
from django.db import transaction

from dangvu.accounts.models import RoleLevel
from dangvu.accounts.selectors import user_holds
from dangvu.core.errors import DomainError, PermissionDenied
from dangvu.core.text import fold
from dangvu.organisations.kinds import OrgKind, may_hold
from dangvu.organisations.models import (
    Organisation,
    OrgLink,
    OrgName,
    Reorganisation,
    ReorganisationKind,
    ReorganisationPart,
)
from dangvu.organisations.paths import paths_refresh

Role = ReorganisationPart.Role


@dataclass(frozen=True)
class NewUnit:
    """A unit a merge or split creates."""

    code: str
    name: str
    kind: OrgKind | None = None  # None: the kind of the (first) predecessor
    parent: Organisation | None = None  # None: the parent of the (first) predecessor
    children: Sequence[Organisation] = field(default_factory=tuple)  # for a split: what this part takes


@contextlib.contextmanager
def _writing(actor: Any) -> Iterator[None]:
    with transaction.atomic():
        if actor is None:
            yield
        else:
            with set_actor(actor):
                yield


def _require(actor: Any, org: Organisation) -> None:
    if actor is not None and not user_holds(actor, org, RoleLevel.ADMINISTRATOR):
        raise PermissionDenied(f"Bạn không có quyền quản trị tại «{org.name}».")


def _require_live(org: Organisation, on: dt.date) -> None:
    if org.dissolved_on is not None:
        raise DomainError(f"«{org.name}» đã chấm dứt hoạt động từ {org.dissolved_on:%d/%m/%Y}.")
    if on < org.established_on:
        raise DomainError(
            f"Ngày hiệu lực {on:%d/%m/%Y} trước ngày thành lập «{org.name}» ({org.established_on:%d/%m/%Y})."
        )


def _open_link(org: Organisation) -> OrgLink | None:
    return OrgLink.objects.filter(child=org, valid_to__isnull=True).first()


def _check_dates(org: Organisation, on: dt.date) -> None:
    """Changes to a unit come in date order: none may take effect on or before its last change."""
    last = max(
        org.established_on,
        *OrgLink.objects.filter(child=org).values_list("valid_from", flat=True),
        *OrgName.objects.filter(organisation=org).values_list("valid_from", flat=True),
    )
    if on <= last:
        raise DomainError(
            f"Ngày hiệu lực {on:%d/%m/%Y} không sau lần thay đổi gần nhất của «{org.name}» ({last:%d/%m/%Y})."
        )


def _check_placement(child: Organisation, parent: Organisation) -> None:
    if parent.pk == child.pk or (child.path and parent.path.startswith(child.path)):
        raise DomainError(f"Không thể đặt «{child.name}» dưới «{parent.name}»: đơn vị sẽ nằm dưới chính nó.")
    if not may_hold(OrgKind(parent.kind), OrgKind(child.kind)):
        raise DomainError(
            f"«{parent.name}» ({OrgKind(parent.kind).label}) không thể có đơn vị trực thuộc là "
            f"«{child.name}» ({OrgKind(child.kind).label})."
        )


def _relink(child: Organisation, parent: Organisation, on: dt.date) -> None:
    """Close the child's open link on `on` and open one to `parent`; a link opened on or after `on` would
    end before it began, so that is refused (a back-dated reorganisation over a later change)."""
    link = _open_link(child)
    if link is not None:
        if link.valid_from >= on:
            raise DomainError(
                f"Ngày hiệu lực {on:%d/%m/%Y} không sau lần thay đổi gần nhất của «{child.name}» "
                f"({link.valid_from:%d/%m/%Y})."
            )
        link.valid_to = on
        link.save(update_fields=["valid_to"])
    OrgLink.objects.create(child=child, parent=parent, valid_from=on)
    child.parent = parent
    child.save(update_fields=["parent"])


def _attach(child: Organisation, parent: Organisation, on: dt.date) -> None:
    _require_live(parent, on)
    _check_placement(child, parent)
    _relink(child, parent, on)


def _check_not_below(receiver: Organisation, sources: Sequence[Organisation]) -> None:
    """A merge's receiver must not lie under a unit that closes: it would be left under a closed unit."""
    for s in sources:
        if s.path and receiver.path.startswith(s.path):
            raise DomainError(
                f"«{receiver.name}» đang trực thuộc «{s.name}»: không thể nhận đơn vị cấp trên của mình."
            )


def _close(org: Organisation, on: dt.date, successor: Organisation | None) -> None:
    if org.children.filter(dissolved_on__isnull=True).exists():
        names = ", ".join(c.name for c in org.children.filter(dissolved_on__isnull=True)[:5])
        raise DomainError(f"«{org.name}» còn đơn vị trực thuộc chưa được chuyển đi: {names}.")
    link = _open_link(org)
    if link is not None:
        link.valid_to = on
        link.save(update_fields=["valid_to"])
    _end_names(org, on)
    org.dissolved_on = on
    org.successor = successor
    org.parent = None
    org.save(update_fields=["dissolved_on", "successor", "parent"])


def _record(
    kind: ReorganisationKind, on: dt.date, decision: str, note: str, parts: Sequence[tuple[Organisation, str]]
) -> Reorganisation:
    anchor = next((o for o, r in parts if r != Role.PREDECESSOR), parts[0][0])
    reorg = Reorganisation.objects.create(
        kind=kind, effective_on=on, decision=decision, note=note, path=anchor.path
    )
    ReorganisationPart.objects.bulk_create(
        [ReorganisationPart(reorganisation=reorg, organisation=o, role=r) for o, r in parts]
    )
    return reorg


def _new_unit(
    code: str, name: str, kind: OrgKind, on: dt.date, parent: Organisation | None, synthetic: bool = False
) -> Organisation:
    """A new unit under `parent` with its first name and link. Its path is set at once (not at the next
    `paths_refresh`), so that its audit entries are scoped under its parent from the first one."""
    code = code.strip()
    name = " ".join(name.split())
    if not code or not name:
        raise DomainError("Đơn vị mới cần có mã và tên.", field="code" if not code else "name")
    if Organisation.objects.filter(code=code).exists():
        raise DomainError(f"Mã «{code}» đã được dùng cho một đơn vị khác.", field="code")
    org = Organisation(
        code=code,
        name=name,
        name_folded=fold(name),
        kind=kind.value,
        parent=parent,
        established_on=on,
        is_synthetic=synthetic,
    )
    if parent is not None:
        _check_placement(org, parent)
    org.save()
    org.path = f"{parent.path if parent is not None else '/'}{org.pk}/"
    Organisation.objects.filter(pk=org.pk).update(path=org.path)
    OrgName.objects.create(organisation=org, name=name, valid_from=on)
    if parent is not None:
        OrgLink.objects.create(child=org, parent=parent, valid_from=on)
    return org


def _end_names(org: Organisation, on: dt.date) -> None:
    """Close the unit's current name on `on` (row by row, so that the audit trail records it)."""
    for old in OrgName.objects.filter(organisation=org, valid_to__isnull=True):
        old.organisation = org
        old.valid_to = on
        old.save(update_fields=["valid_to"])


def org_establish(
    *,
    actor: Any,
    code: str,
    name: str,
    kind: OrgKind,
    parent: Organisation | None,
    established_on: dt.date,
    decision: str = "",
    synthetic: bool = False,
) -> Organisation:
    """Thành lập: a new unit under `parent` (None only for the root of a deployment)."""
    with _writing(actor):
        if parent is None:
            if actor is not None and not getattr(actor, "is_superuser", False):
                raise PermissionDenied("Chỉ quản trị hệ thống được lập đơn vị gốc.")
        else:
            _require(actor, parent)
            _require_live(parent, established_on)
        org = _new_unit(code, name, kind, established_on, parent, synthetic)
        paths_refresh()
        org.refresh_from_db()
        _record(ReorganisationKind.ESTABLISH, established_on, decision, "", [(org, Role.SUCCESSOR)])
        return org


def org_rename(
    *, actor: Any, organisation: Organisation, name: str, effective_on: dt.date, decision: str = ""
) -> None:
    """Đổi tên: the unit keeps its identity and records; its former name stays in its history."""
    name = " ".join(name.split())
    with _writing(actor):
        _require(actor, organisation)
        _require_live(organisation, effective_on)
        if not name or name == organisation.name:
            raise DomainError("Tên mới trống hoặc trùng tên hiện tại.", field="name")
        _check_dates(organisation, effective_on)
        _end_names(organisation, effective_on)
        OrgName.objects.create(organisation=organisation, name=name, valid_from=effective_on)
        organisation.name, organisation.name_folded = name, fold(name)
        organisation.save(update_fields=["name", "name_folded"])
        _record(ReorganisationKind.RENAME, effective_on, decision, "", [(organisation, Role.SUBJECT)])


def org_move(
    *, actor: Any, organisation: Organisation, parent: Organisation, effective_on: dt.date, decision: str = ""
) -> None:
    """Điều chuyển: the unit, with everything under it, goes under a new parent."""
    with _writing(actor):
        _require(actor, organisation)
        _require(actor, parent)
        _require_live(organisation, effective_on)
        if organisation.parent_id == parent.pk:
            raise DomainError(f"«{organisation.name}» đã trực thuộc «{parent.name}».")
        _check_dates(organisation, effective_on)
        _attach(organisation, parent, effective_on)
        paths_refresh()
        _record(
            ReorganisationKind.MOVE,
            effective_on,
            decision,
            "",
            [(organisation, Role.SUBJECT), (parent, Role.SUCCESSOR)],
        )


def orgs_merge(
    *,
    actor: Any,
    sources: Sequence[Organisation],
    effective_on: dt.date,
    into: Organisation | None = None,
    new: NewUnit | None = None,
    decision: str = "",
    synthetic: bool = False,
) -> Organisation:
    """Hợp nhất (into a new unit) or sáp nhập (into `into`, which goes on): the sources close and their
    units move under the result, whose records they follow from then on."""
    if (into is None) == (new is None):
        raise DomainError("Cần chọn đúng một đơn vị nhận: đơn vị có sẵn hoặc đơn vị mới.")
    if not sources:
        raise DomainError("Cần ít nhất một đơn vị được hợp nhất.")
    with _writing(actor):
        for s in sources:
            _require(actor, s)
            _require_live(s, effective_on)
            _check_dates(s, effective_on)
        if into is not None:
            _require(actor, into)
            _require_live(into, effective_on)
            if any(s.pk == into.pk for s in sources):
                raise DomainError(f"«{into.name}» không thể vừa là đơn vị nhận vừa là đơn vị bị sáp nhập.")
            _check_not_below(into, sources)
            target = into
        else:
            assert new is not None  # noqa: S101 - narrows the type for mypy; not a check
            parent = new.parent or sources[0].parent
            kind = new.kind or OrgKind(sources[0].kind)
            if parent is not None:
                _require(actor, parent)
                _require_live(parent, effective_on)
                _check_not_below(parent, sources)
            target = _new_unit(new.code, new.name, kind, effective_on, parent, synthetic)
        source_ids = {s.pk for s in sources}
        for s in sources:
            for child in s.children.filter(dissolved_on__isnull=True).exclude(pk=target.pk):
                if child.pk in source_ids:
                    continue
                _check_placement(child, target)
                _relink(child, target, effective_on)
            _close(s, effective_on, target)
        paths_refresh()
        target.refresh_from_db()
        _record(
            ReorganisationKind.MERGE,
            effective_on,
            decision,
            "",
            [(s, Role.PREDECESSOR) for s in sources] + [(target, Role.SUCCESSOR)],
        )
        return target


def org_split(
    *, actor: Any, source: Organisation, parts: Sequence[NewUnit], effective_on: dt.date, decision: str = ""
) -> list[Organisation]:
    """Chia tách: `source` closes and each part takes the units named in its `children`; every live unit
    under `source` must go to exactly one part. The source's own records follow the first part."""
    if len(parts) < 2:
        raise DomainError("Chia tách cần ít nhất hai đơn vị mới.")
    with _writing(actor):
        _require(actor, source)
        _require_live(source, effective_on)
        _check_dates(source, effective_on)
        live_children = {c.pk for c in source.children.filter(dissolved_on__isnull=True)}
        given = [c.pk for p in parts for c in p.children]
        if len(given) != len(set(given)):
            raise DomainError("Một đơn vị trực thuộc được giao cho hai đơn vị mới.")
        if set(given) != live_children:
            missing = Organisation.objects.filter(pk__in=live_children - set(given)).values_list(
                "name", flat=True
            )
            extra = set(given) - live_children
            if extra:
                raise DomainError(f"Có đơn vị được giao không trực thuộc «{source.name}».")
            raise DomainError(f"Chưa giao đơn vị trực thuộc cho đơn vị mới: {', '.join(list(missing)[:5])}.")
        created: list[Organisation] = []
        for part in parts:
            parent = part.parent or source.parent
            if parent is not None:
                _require(actor, parent)
                _require_live(parent, effective_on)
            kind = part.kind or OrgKind(source.kind)
            org = _new_unit(part.code, part.name, kind, effective_on, parent, source.is_synthetic)
            for child in part.children:
                child.refresh_from_db()
                _attach(child, org, effective_on)
            created.append(org)
        _close(source, effective_on, created[0])
        paths_refresh()
        for org in created:
            org.refresh_from_db()
        _record(
            ReorganisationKind.SPLIT,
            effective_on,
            decision,
            "",
            [(source, Role.PREDECESSOR)] + [(o, Role.SUCCESSOR) for o in created],
        )
        return created


def org_dissolve(
    *,
    actor: Any,
    organisation: Organisation,
    effective_on: dt.date,
    children_to: Organisation | None = None,
    successor: Organisation | None = None,
    decision: str = "",
) -> None:
    """Giải thể: the unit closes; its live units move under `children_to` (required if it has any), and its
    records follow `successor` (by default `children_to`, else its parent)."""
    with _writing(actor):
        _require(actor, organisation)
        _require_live(organisation, effective_on)
        _check_dates(organisation, effective_on)
        children = list(organisation.children.filter(dissolved_on__isnull=True))
        if children and children_to is None:
            raise DomainError(
                f"«{organisation.name}» còn {len(children)} đơn vị trực thuộc: "
                "cần chọn nơi chuyển các đơn vị này."
            )
        heir = successor or children_to or organisation.parent
        if heir is None:
            raise DomainError(f"Cần chọn đơn vị kế thừa hồ sơ của «{organisation.name}».")
        if heir.pk == organisation.pk:
            raise DomainError(f"«{organisation.name}» không thể tự kế thừa hồ sơ của mình.")
        _require_live(heir, effective_on)
        if children_to is not None:
            _require(actor, children_to)
            for child in children:
                _attach(child, children_to, effective_on)
        _require(actor, heir)
        _close(organisation, effective_on, heir)
        paths_refresh()
        _record(
            ReorganisationKind.DISSOLVE,
            effective_on,
            decision,
            "",
            [(organisation, Role.PREDECESSOR), (heir, Role.SUCCESSOR)],
        )
