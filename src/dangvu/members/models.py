"""The members register: members, their cells over time, their lifecycle events, access to personal data.

A `Member` is a party member (đảng viên) from admission (kết nạp) until they leave; a `Placement` says in
which organisation (normally a cell, chi bộ) they were active (sinh hoạt) from one date until the day before
another. A count "at the end of Q1" is computed from placements, never kept as a mutable number.

Every change in a member's life is a dated `MembershipEvent` (admission, confirmation, transfers, exemption,
discipline, removal, expulsion, death, a Party badge), written only by `members.services`, never edited.
`Member.admitted_on / confirmed_on / left_on / cell` summarise those events for fast reads; the services keep
them in step. `PersonalDataAccess` records each view or export of personal data (who, when, which records).
"""

from __future__ import annotations

from typing import Any

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models

from dangvu.organisations.models import Organisation


class Gender(models.TextChoices):
    MALE = "nam", "Nam"
    FEMALE = "nu", "Nữ"


class TheoryLevel(models.TextChoices):
    """Trình độ lý luận chính trị."""

    NONE = "", "Chưa qua đào tạo"
    ELEMENTARY = "so_cap", "Sơ cấp"
    INTERMEDIATE = "trung_cap", "Trung cấp"
    ADVANCED = "cao_cap", "Cao cấp"
    BACHELOR = "cu_nhan", "Cử nhân"


class Member(models.Model):
    full_name = models.CharField("họ và tên", max_length=128)
    name_folded = models.CharField(max_length=128, db_index=True, editable=False)
    gender = models.CharField("giới tính", max_length=3, choices=Gender.choices)
    birth_date = models.DateField("ngày sinh")
    ethnicity = models.CharField("dân tộc", max_length=32)
    religion = models.CharField("tôn giáo", max_length=32, blank=True, default="")
    home_town = models.CharField("quê quán", max_length=255, blank=True, default="")
    education = models.CharField("trình độ giáo dục phổ thông", max_length=16, blank=True, default="")
    profession = models.CharField("chuyên môn, nghề nghiệp", max_length=128, blank=True, default="")
    theory_level = models.CharField(
        "lý luận chính trị", max_length=16, choices=TheoryLevel.choices, blank=True, default=""
    )
    card_number = models.CharField("số thẻ đảng viên", max_length=16, null=True, blank=True, unique=True)
    identity_number = models.CharField("số định danh cá nhân (CCCD)", max_length=12, blank=True, default="")
    home_address = models.CharField("nơi ở hiện nay", max_length=255, blank=True, default="")
    admitted_on = models.DateField("ngày vào Đảng")
    admitted_at = models.CharField("nơi kết nạp", max_length=255, blank=True, default="")
    confirmed_on = models.DateField("ngày chính thức", null=True, blank=True)
    left_on = models.DateField("ngày ra khỏi Đảng / từ trần", null=True, blank=True)
    cell = models.ForeignKey(
        Organisation,
        verbose_name="chi bộ (hiện nay hoặc cuối cùng)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    positions = models.CharField("chức vụ", max_length=255, blank=True, default="")
    is_synthetic = models.BooleanField("dữ liệu mô phỏng", default=False)

    class Meta:
        verbose_name = "đảng viên"
        verbose_name_plural = "đảng viên"
        # PostgreSQL also has a covering index for the indicator roll-up: migration 0003.

    def __str__(self) -> str:
        return self.full_name

    def get_additional_data(self) -> dict[str, str]:
        cell = self.cell
        return {"org_path": cell.path, "org_code": cell.code} if cell is not None else {}


class Placement(models.Model):
    """Member `member` was active in `organisation` from `valid_from` until the day before `valid_to`."""

    member = models.ForeignKey(
        Member, verbose_name="đảng viên", on_delete=models.PROTECT, related_name="placements"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name="sinh hoạt tại", on_delete=models.PROTECT, related_name="placements"
    )
    valid_from = models.DateField("từ ngày")
    valid_to = models.DateField("đến ngày", null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["valid_from", "valid_to", "organisation"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gt=models.F("valid_from")),
                name="placement_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        end = f"{self.valid_to:%d/%m/%Y}" if self.valid_to else "nay"
        return f"{self.member} sinh hoạt tại {self.organisation} ({self.valid_from:%d/%m/%Y}–{end})"

    def get_additional_data(self) -> dict[str, str]:
        return {"org_path": self.organisation.path, "org_code": self.organisation.code}


class EventKind(models.TextChoices):
    ADMISSION = "admission", "Kết nạp"
    CONFIRMATION = "confirmation", "Chuyển đảng chính thức"
    TRANSFER = "transfer", "Chuyển sinh hoạt giữa các chi bộ"
    TRANSFER_IN = "transfer_in", "Chuyển sinh hoạt đến"
    TRANSFER_OUT = "transfer_out", "Chuyển sinh hoạt đi"
    EXEMPTION = "exemption", "Miễn công tác và sinh hoạt"
    DISCIPLINE = "discipline", "Kỷ luật"
    BADGE = "badge", "Trao Huy hiệu Đảng"
    REMOVAL = "removal", "Xóa tên"
    EXPULSION = "expulsion", "Khai trừ"
    DEATH = "death", "Từ trần"


#: Events after which the member is no longer on the rolls.
LEAVING_KINDS = frozenset({EventKind.TRANSFER_OUT, EventKind.REMOVAL, EventKind.EXPULSION, EventKind.DEATH})


class MembershipEvent(models.Model):
    """One dated fact of a member's life in the Party; written once by a service, never changed."""

    member = models.ForeignKey(
        Member, verbose_name="đảng viên", on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField("loại", max_length=16, choices=EventKind.choices)
    occurred_on = models.DateField("ngày")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="tại tổ chức",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_organisation = models.ForeignKey(
        Organisation,
        verbose_name="đến tổ chức",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    elsewhere = models.CharField("nơi đi / nơi đến (ngoài đảng bộ)", max_length=255, blank=True, default="")
    temporary = models.BooleanField("tạm thời", default=False)
    outcome = models.CharField("hình thức / kết quả", max_length=64, blank=True, default="")
    badge_years = models.PositiveSmallIntegerField("huy hiệu (năm tuổi Đảng)", null=True, blank=True)
    decision = models.CharField("theo quyết định", max_length=128, blank=True, default="")
    note = models.TextField("ghi chú", blank=True, default="")
    source = models.CharField("nguồn", max_length=128, blank=True, default="")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người ghi",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField("thời điểm ghi", auto_now_add=True)

    class Meta:
        verbose_name = "biến động đảng viên"
        verbose_name_plural = "biến động đảng viên"
        ordering = ["occurred_on", "id"]
        indexes = [models.Index(fields=["kind", "occurred_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.member} ({self.occurred_on:%d/%m/%Y})"

    def get_additional_data(self) -> dict[str, str]:
        org = self.organisation or self.to_organisation
        return {"org_path": org.path, "org_code": org.code} if org is not None else {}


class AccessKind(models.TextChoices):
    VIEW = "view", "Xem hồ sơ"
    EXPORT = "export", "Xuất tệp"
    API = "api", "Đọc qua API"


class PersonalDataAccess(models.Model):
    """Someone saw members' personal data (birth date, identity number, address): who, when, which records.

    One row per view or export, with the ids of the members concerned, rather than one audit entry per
    member: an export of a whole province would otherwise write 100,000 rows.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người xem",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)
    kind = models.CharField("hình thức", max_length=8, choices=AccessKind.choices)
    org_path = models.CharField("phạm vi", max_length=255, blank=True, default="", db_index=True)
    detail = models.CharField("nội dung", max_length=255, blank=True, default="")
    count = models.PositiveIntegerField("số hồ sơ")
    member_ids: Any = models.JSONField("hồ sơ", default=list)
    candidate_ids: Any = models.JSONField("hồ sơ quần chúng (nguồn phát triển)", default=list)

    class Meta:
        verbose_name = "truy cập dữ liệu cá nhân"
        verbose_name_plural = "truy cập dữ liệu cá nhân"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.count} hồ sơ ({self.at:%d/%m/%Y %H:%M})"


class AgencyCell(models.Model):
    """The cell is one of an agency, public service unit or enterprise (chi bộ cơ quan, đơn vị, doanh nghiệp)
    from `since` until the day before `until`: its members keep contact with the Party organisation where
    they reside (Quy định 213-QĐ/TW). The tree's kinds do not say this, so it is marked here, as data."""

    organisation = models.ForeignKey(
        Organisation, verbose_name="chi bộ", on_delete=models.PROTECT, related_name="+"
    )
    since = models.DateField("từ ngày")
    until = models.DateField("đến ngày", null=True, blank=True)
    note = models.CharField("ghi chú", max_length=255, blank=True, default="")

    class Meta:
        verbose_name = "chi bộ cơ quan (Quy định 213)"
        verbose_name_plural = "chi bộ cơ quan (Quy định 213)"

    def __str__(self) -> str:
        return f"{self.organisation} là chi bộ cơ quan từ {self.since:%d/%m/%Y}"

    def get_additional_data(self) -> dict[str, str]:
        return {"org_path": self.organisation.path, "org_code": self.organisation.code}


class ResidenceContact(models.Model):
    """Member `member` keeps contact with the Party organisation where they reside (`residence_unit`, or a
    named place outside the register) from `since`; ended (never deleted) when they move or leave."""

    member = models.ForeignKey(
        Member, verbose_name="đảng viên", on_delete=models.PROTECT, related_name="residence_contacts"
    )
    residence_unit = models.ForeignKey(
        Organisation,
        verbose_name="chi bộ / đảng bộ nơi cư trú",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    residence_name = models.CharField("nơi cư trú", max_length=255)
    since = models.DateField("giới thiệu về nơi cư trú từ ngày")
    ended_on = models.DateField("thôi liên hệ từ ngày", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("thời điểm ghi", auto_now_add=True)

    class Meta:
        verbose_name = "giữ mối liên hệ với nơi cư trú"
        verbose_name_plural = "giữ mối liên hệ với nơi cư trú"
        ordering = ["since", "id"]

    def __str__(self) -> str:
        return f"{self.member} liên hệ với {self.residence_name} từ {self.since:%d/%m/%Y}"

    def get_additional_data(self) -> dict[str, str]:
        return self.member.get_additional_data()


class ResidenceComment(models.Model):
    """The yearly comment (nhận xét) of the residence's Party organisation on a member: asked for (sent) on
    one day, come back on another, with what it says."""

    contact = models.ForeignKey(
        ResidenceContact, verbose_name="liên hệ", on_delete=models.PROTECT, related_name="comments"
    )
    year = models.PositiveSmallIntegerField("năm")
    sent_on = models.DateField("ngày gửi phiếu")
    returned_on = models.DateField("ngày nhận lại", null=True, blank=True)
    assessment = models.CharField("đánh giá", max_length=64, blank=True, default="")
    content = models.TextField("nội dung nhận xét", blank=True, default="")

    class Meta:
        verbose_name = "nhận xét của nơi cư trú"
        verbose_name_plural = "nhận xét của nơi cư trú"
        constraints = [models.UniqueConstraint(fields=["contact", "year"], name="one_comment_per_year")]

    def __str__(self) -> str:
        return f"Nhận xét năm {self.year} — {self.contact.member}"

    def get_additional_data(self) -> dict[str, str]:
        return self.contact.member.get_additional_data()


class EarlyBadge(models.Model):
    """The member is seriously ill: their badges may be presented early (Hướng dẫn 01-HD/TW, mục 18).
    Recorded with the day and reason; withdrawn by `revoked_on`, never deleted."""

    member = models.ForeignKey(
        Member, verbose_name="đảng viên", on_delete=models.PROTECT, related_name="early_badges"
    )
    recorded_on = models.DateField("ngày ghi nhận")
    reason = models.CharField("lý do (ốm nặng)", max_length=255)
    revoked_on = models.DateField("thôi áp dụng từ", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "trao huy hiệu sớm (ốm nặng)"
        verbose_name_plural = "trao huy hiệu sớm (ốm nặng)"

    def __str__(self) -> str:
        return f"{self.member}: trao huy hiệu sớm ({self.reason})"

    def get_additional_data(self) -> dict[str, str]:
        return self.member.get_additional_data()


auditlog.register(Member, exclude_fields=["name_folded"])
auditlog.register(AgencyCell)
auditlog.register(ResidenceContact)
auditlog.register(ResidenceComment)
auditlog.register(EarlyBadge)
auditlog.register(Placement)
auditlog.register(MembershipEvent)

from dangvu.members.candidate_models import Candidate, CandidateEvent  # noqa: E402, F401  (one app's models)
