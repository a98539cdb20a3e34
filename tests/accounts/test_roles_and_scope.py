"""Roles over sub-trees: the scope each user reads through, and the services that grant and revoke."""

import datetime as dt

import pytest
from django.http import Http404
from django.urls import reverse

from dangvu.accounts.models import ApiToken, Role, RoleLevel
from dangvu.accounts.selectors import organisation_for, roles_administered, scope_paths, user_holds
from dangvu.accounts.services import (
    api_token_create,
    api_token_revoke,
    role_grant,
    role_revoke,
    token_digest,
    user_create,
)
from dangvu.core.errors import DomainError, PermissionDenied
from dangvu.organisations.services import org_dissolve


def test_scope_paths(province, system):
    u = province.users
    assert scope_paths(system) is None
    assert scope_paths(u["admin"]) == [province["HL"].path]
    assert scope_paths(u["editor_a"]) == [province["XA"].path]
    assert scope_paths(u["editor_a"], RoleLevel.ADMINISTRATOR) == []
    assert scope_paths(u["outsider"]) == [province["XB"].path]
    Role.objects.create(user=u["outsider"], organisation=province["CB1"], level=RoleLevel.EDITOR)
    Role.objects.create(user=u["outsider"], organisation=province["CS"], level=RoleLevel.VIEWER)
    assert scope_paths(u["outsider"]) == sorted(
        [province["XB"].path, province["CS"].path]
    )  # CB1 is inside XB
    assert scope_paths(u["outsider"], RoleLevel.EDITOR) == [province["CB1"].path]


def test_revoked_roles_and_anonymous_see_nothing(province):
    from django.contrib.auth.models import AnonymousUser

    assert scope_paths(AnonymousUser()) == []
    Role.objects.filter(user=province.users["outsider"]).update(
        revoked_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    )
    assert scope_paths(province.users["outsider"]) == []


def test_organisation_for_answers_404_outside_scope_like_a_missing_unit(province):
    outsider = province.users["outsider"]
    assert organisation_for(outsider, "CB1").code == "CB1"
    for code in ("XA", "CA1", "HL", "D1", "NOPE"):
        with pytest.raises(Http404):
            organisation_for(outsider, code)
    assert organisation_for(province.users["admin"], "CA1").code == "CA1"
    with pytest.raises(Http404):
        organisation_for(province.users["editor_a"], "XA", RoleLevel.ADMINISTRATOR)
    assert user_holds(province.users["editor_a"], province["CA2"], RoleLevel.EDITOR)
    assert not user_holds(province.users["editor_a"], province["CA2"], RoleLevel.APPROVER)


def test_role_grant_and_revoke(province, django_user_model):
    admin = province.users["admin"]
    bob = django_user_model.objects.create_user(username="bob", password="x")
    role = role_grant(actor=admin, user=bob, organisation=province["XA"], level=RoleLevel.APPROVER)
    assert role.granted_by == admin and scope_paths(bob) == [province["XA"].path]
    with pytest.raises(DomainError, match="đã có quyền này"):
        role_grant(actor=admin, user=bob, organisation=province["XA"], level=RoleLevel.APPROVER)
    with pytest.raises(DomainError, match="Mức quyền không hợp lệ"):
        role_grant(actor=admin, user=bob, organisation=province["XA"], level=99)
    with pytest.raises(DomainError, match="Lĩnh vực không hợp lệ"):
        role_grant(actor=admin, user=bob, organisation=province["XA"], level=RoleLevel.VIEWER, domain="x")
    assert role in roles_administered(admin)
    role_revoke(actor=admin, role=role)
    role.refresh_from_db()
    assert role.revoked_at is not None and role.revoked_by == admin
    assert Role.objects.filter(pk=role.pk).exists()  # revoked, not deleted
    assert scope_paths(bob) == []
    assert role not in roles_administered(admin)
    with pytest.raises(DomainError, match="đã được thu hồi"):
        role_revoke(actor=admin, role=role)


def test_role_grant_refused_outside_scope_and_for_non_administrators(province, django_user_model):
    bob = django_user_model.objects.create_user(username="bob", password="x")
    admin_b = django_user_model.objects.create_user(username="admin_b", password="x")
    Role.objects.create(user=admin_b, organisation=province["XB"], level=RoleLevel.ADMINISTRATOR)
    with pytest.raises(PermissionDenied, match="không có quyền quản trị tại «Đảng bộ xã Thạch Long»"):
        role_grant(actor=admin_b, user=bob, organisation=province["XA"], level=RoleLevel.VIEWER)
    with pytest.raises(Http404):
        organisation_for(admin_b, "XA", RoleLevel.ADMINISTRATOR)
    for name in ("editor_a", "outsider"):
        for code in ("XA", "CA1", "XB"):
            with pytest.raises(PermissionDenied):
                role_grant(
                    actor=province.users[name], user=bob, organisation=province[code], level=RoleLevel.VIEWER
                )
    with pytest.raises(PermissionDenied):
        role_revoke(actor=province.users["editor_a"], role=Role.objects.get(user=province.users["editor_a"]))
    assert not Role.objects.filter(user=bob).exists()
    assert [r.user.username for r in roles_administered(admin_b)] == ["admin_b", "outsider"]
    assert roles_administered(province.users["editor_a"]) == []


def test_role_grant_refused_at_a_closed_unit(province, django_user_model):
    bob = django_user_model.objects.create_user(username="bob", password="x")
    org_dissolve(actor=None, organisation=province["CA1"], effective_on=dt.date(2025, 7, 1))
    with pytest.raises(DomainError, match="đã chấm dứt hoạt động"):
        role_grant(
            actor=province.users["admin"], user=bob, organisation=province["CA1"], level=RoleLevel.VIEWER
        )


def test_user_create(province, django_user_model):
    admin = province.users["admin"]
    user = user_create(
        actor=admin, username=" Nguyen.Van_A ", full_name="Nguyễn Văn A", password="Mat-khau-rat-dai-2026"
    )
    assert user.username == "nguyen.van_a" and user.check_password("Mat-khau-rat-dai-2026")
    assert scope_paths(user) == []
    with pytest.raises(DomainError, match="đã có"):
        user_create(actor=admin, username="nguyen.van_a", full_name="X", password="Mat-khau-rat-dai-2026")
    with pytest.raises(DomainError, match="chỉ gồm chữ không dấu"):
        user_create(actor=admin, username="nguyễn", full_name="X", password="Mat-khau-rat-dai-2026")
    with pytest.raises(DomainError, match="Mật khẩu chưa đạt"):
        user_create(actor=admin, username="b", full_name="X", password="123")
    with pytest.raises(PermissionDenied, match="Chỉ quản trị viên"):
        user_create(
            actor=province.users["editor_a"], username="c", full_name="X", password="Mat-khau-rat-dai-2026"
        )
    assert not django_user_model.objects.filter(username__in=["b", "c"]).exists()


def test_api_tokens_keep_only_a_digest_and_are_revoked_not_deleted(province):
    editor = province.users["editor_a"]
    raw = api_token_create(actor=editor, user=editor, label=" máy chủ ")
    assert raw.startswith("dv_")
    token = ApiToken.objects.get(user=editor)
    assert (
        token.digest == token_digest(raw)
        and raw not in (token.digest, token.prefix)
        and token.label == "máy chủ"
    )
    with pytest.raises(PermissionDenied):
        api_token_create(actor=editor, user=province.users["outsider"], label="x")
    with pytest.raises(PermissionDenied):
        api_token_revoke(actor=province.users["outsider"], token=token)
    api_token_revoke(actor=editor, token=token)
    token.refresh_from_db()
    assert token.revoked_at is not None


# -- pages ---------------------------------------------------------------------------------------


def test_roles_page_for_admin_only(province, client):
    url = reverse("accounts:roles")
    assert client.get(url).status_code == 302
    for name in ("editor_a", "outsider"):
        client.force_login(province.users[name])
        assert client.get(url).status_code == 404
        assert client.post(reverse("accounts:user_create"), {}).status_code == 404
    client.force_login(province.users["admin"])
    assert client.get(url).status_code == 200


def test_roles_page_grants_and_refuses_outside_scope(province, client, django_user_model):
    bob = django_user_model.objects.create_user(username="bob", password="x")
    admin_b = django_user_model.objects.create_user(username="admin_b", password="x")
    Role.objects.create(user=admin_b, organisation=province["XB"], level=RoleLevel.ADMINISTRATOR)
    client.force_login(admin_b)
    r = client.post(
        reverse("accounts:roles"), {"username": "bob", "org_code": "XA", "level": RoleLevel.VIEWER}
    )
    assert r.status_code == 200 and "Không có tổ chức này trong phạm vi bạn quản trị" in r.content.decode()
    assert not Role.objects.filter(user=bob).exists()
    r = client.post(
        reverse("accounts:roles"), {"username": "bob", "org_code": "CB1", "level": RoleLevel.EDITOR}
    )
    assert r.status_code == 302
    role = Role.objects.get(user=bob)
    assert role.organisation.code == "CB1" and role.granted_by == admin_b
    # an administrator of XB cannot revoke a role at XA, and it is a 404
    xa_role = Role.objects.get(user=province.users["editor_a"])
    assert client.post(reverse("accounts:role_revoke", args=[xa_role.pk])).status_code == 404
    assert client.post(reverse("accounts:role_revoke", args=[role.pk])).status_code == 302
    role.refresh_from_db()
    assert role.revoked_at is not None


def test_tokens_page(province, client):
    editor = province.users["editor_a"]
    client.force_login(editor)
    r = client.post(reverse("accounts:tokens"), {"label": "tích hợp"})
    assert r.status_code == 200 and "dv_" in r.content.decode()
    token = ApiToken.objects.get(user=editor)
    client.force_login(province.users["outsider"])
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 404
    client.force_login(editor)
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
