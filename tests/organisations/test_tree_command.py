"""`dangvu tree`: text and JSON, --org, --depth, --at, --view, --user, and clear errors."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from dangvu.organisations.services import NewUnit, orgs_merge


def run(*args):
    out = io.StringIO()
    call_command("tree", *args, stdout=out)
    return out.getvalue()


def test_text_output(province):
    text = run("--at", "2024-12-31")
    lines = text.splitlines()
    assert lines[0] == "Cây tổ chức ngày 31/12/2024 (như tại thời điểm đó)"
    assert lines[1] == (
        "Đảng bộ tỉnh Thử nghiệm [HL] — 2 đảng bộ trực thuộc, 3 tổ chức cơ sở đảng, "
        "3 chi bộ trực thuộc; 11 đảng viên"
    )
    assert "    Đảng bộ xã Thạch Long [XA] — 2 chi bộ trực thuộc; 5 đảng viên" in lines
    assert "      Chi bộ thôn Trung Hòa [CA1] — 3 đảng viên" in lines


def test_depth_and_org(province):
    lines = run("--at", "2024-12-31", "--depth", "1").splitlines()
    assert len(lines) == 1 + 1 + 2
    lines = run("--at", "2024-12-31", "--org", "XA").splitlines()
    assert lines[1].startswith("Đảng bộ xã Thạch Long [XA]") and len(lines) == 4
    assert len(run("--org", "XA", "--depth", "0", "--at", "2024-12-31").splitlines()) == 2


def test_json_output(province):
    data = json.loads(run("--json", "--at", "2024-12-31", "--org", "D1", "--depth", "1"))
    assert data["at"] == "2024-12-31" and data["view"] == "was"
    (d1,) = data["roots"]
    assert d1["code"] == "D1" and d1["members"] == 9 and d1["units"]["grassroots"] == 2
    assert [c["code"] for c in d1["children"]] == ["XA", "XB"]
    assert all("children" not in c for c in d1["children"])


def test_at_and_view_now_after_a_merge(province):
    orgs_merge(
        actor=None,
        sources=[province["XA"], province["XB"]],
        effective_on=__import__("datetime").date(2025, 7, 1),
        new=NewUnit("XN", "Đảng bộ xã Thạch Long Sơn"),
    )
    was = json.loads(run("--json", "--at", "2024-12-31", "--org", "D1"))
    assert [c["code"] for c in was["roots"][0]["children"]] == ["XA", "XB"]
    now = json.loads(run("--json", "--at", "2024-12-31", "--org", "D1", "--view", "now"))
    assert [c["code"] for c in now["roots"][0]["children"]] == ["XN"]
    assert now["roots"][0]["children"][0]["members"] == 9
    assert "theo tổ chức hiện nay" in run("--at", "31/12/2024", "--view", "now")


def test_user_sees_only_their_scope(province):
    text = run("--at", "2024-12-31", "--user", "outsider")
    assert "Thạch Sơn" in text and "Thạch Long" not in text
    with pytest.raises(CommandError, match="ngoài quyền xem"):
        run("--at", "2024-12-31", "--user", "outsider", "--org", "XA")
    assert run("--at", "2024-12-31", "--user", "nobody").splitlines()[1:] == []


def test_clear_errors(province):
    with pytest.raises(CommandError, match="--at không hợp lệ: «2024-02-30»"):
        run("--at", "2024-02-30")
    with pytest.raises(CommandError, match="Không có tổ chức mã «NOPE»"):
        run("--org", "NOPE")
    with pytest.raises(CommandError, match="vào ngày 01/01/1999"):
        run("--org", "XA", "--at", "1999-01-01")
