"""Activities of party organisations: cell meetings, inspection and supervision, discipline, quality ratings,
"Dân vận khéo" models.

- `CellMeeting`: one meeting of a cell (sinh hoạt chi bộ), regular (thường kỳ, monthly) or thematic
  (chuyên đề), with attendance: expected = present + absent with leave + absent without leave.
- `InspectionPlan`: a committee's annual programme of inspection (kiểm tra) and supervision (giám sát).
- `Inspection`: one inspection or supervision carried out (`mode`), by a conducting unit, of an
  organisation or a member; "Supervision" of the design is `Inspection(mode=SUPERVISION)`: one table makes
  coverage and plan-vs-done one GROUP BY.
- `Discipline`: a disciplinary measure against a member (khiển trách, cảnh cáo, cách chức, khai trừ), linked
  to the `MembershipEvent` it wrote in the member's record.
- `QualityRating`: a year's (or quarter's, term's) rating of an organisation or a member; the cell's
  proposal (đề xuất) and the committee's decision (quyết định) in separate fields, and the regulation applied.
- `MobilisationModel`: a "Dân vận khéo" (skilful mass mobilisation) model and where it was recognised.
Nothing is deleted: records are voided with a reason.
"""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models

from dangvu.activities.rules import GRADE_LABELS
from dangvu.members.models import Member, MembershipEvent
from dangvu.organisations.models import Organisation

GRADE_CHOICES = [(g.value, label) for g, label in GRADE_LABELS.items()]


class Recorded(models.Model):
    """Who recorded a row, from where (a form, an import), and whether it was voided."""

    source = models.CharField("nguồn", max_length=128, blank=True, default="")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("thời điểm ghi", auto_now_add=True)
    voided_at = models.DateTimeField("thời điểm hủy", null=True, blank=True)
    void_reason = models.CharField("lý do hủy", max_length=255, blank=True, default="")

    class Meta:
        abstract = True

    def audit_unit(self) -> Organisation:
        raise NotImplementedError

    def get_additional_data(self) -> dict[str, str]:
        org = self.audit_unit()
        return {"org_path": org.path, "org_code": org.code}


class CellMeetingKind(models.TextChoices):
    REGULAR = "regular", "Thường kỳ"
    THEMATIC = "thematic", "Chuyên đề"


class MeetingQuality(models.TextChoices):
    GOOD = "tot", "Tốt"
    FAIR = "kha", "Khá"
    AVERAGE = "trung_binh", "Trung bình"
    POOR = "kem", "Kém"


class CellMeeting(Recorded):
    cell = models.ForeignKey(
        Organisation, verbose_name="chi bộ", on_delete=models.PROTECT, related_name="cell_meetings"
    )
    held_on = models.DateField("ngày sinh hoạt")
    kind = models.CharField("loại", max_length=16, choices=CellMeetingKind.choices)
    topic = models.CharField("nội dung, chuyên đề", max_length=500, blank=True, default="")
    expected = models.PositiveIntegerField("đảng viên phải dự")
    present = models.PositiveIntegerField("có mặt")
    absent_excused = models.PositiveIntegerField("vắng có lý do", default=0)
    absent_unexcused = models.PositiveIntegerField("vắng không lý do", default=0)
    chair = models.CharField("chủ trì", max_length=128, blank=True, default="")
    quality = models.CharField("chất lượng", max_length=16, choices=MeetingQuality.choices, blank=True)
    minutes = models.FileField("biên bản", upload_to="bien-ban/%Y/", blank=True)
    note = models.TextField("ghi chú", blank=True, default="")

    class Meta:
        verbose_name = "buổi sinh hoạt chi bộ"
        verbose_name_plural = "sinh hoạt chi bộ"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["held_on", "cell"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    expected=models.F("present") + models.F("absent_excused") + models.F("absent_unexcused")
                ),
                name="cellmeeting_attendance_adds_up",
            )
        ]

    def __str__(self) -> str:
        return f"Sinh hoạt {self.get_kind_display().lower()} {self.held_on:%d/%m/%Y} — {self.cell}"

    def audit_unit(self) -> Organisation:
        return self.cell

    @property
    def attendance(self) -> float | None:
        return 100.0 * self.present / self.expected if self.expected else None


class InspectionPlan(Recorded):
    organisation = models.ForeignKey(
        Organisation, verbose_name="cấp ủy", on_delete=models.PROTECT, related_name="inspection_plans"
    )
    year = models.PositiveSmallIntegerField("năm")
    inspections_planned = models.PositiveIntegerField("số cuộc kiểm tra", default=0)
    supervisions_planned = models.PositiveIntegerField("số cuộc giám sát", default=0)
    subjects = models.TextField("đối tượng", blank=True, default="")
    topics = models.TextField("nội dung", blank=True, default="")

    class Meta:
        verbose_name = "chương trình kiểm tra, giám sát"
        verbose_name_plural = "chương trình kiểm tra, giám sát"
        ordering = ["-year", "organisation__name_folded"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year"],
                condition=models.Q(voided_at__isnull=True),
                name="one_inspection_plan_a_year",
            )
        ]

    def __str__(self) -> str:
        return f"Chương trình kiểm tra, giám sát năm {self.year} — {self.organisation}"

    def audit_unit(self) -> Organisation:
        return self.organisation


class Mode(models.TextChoices):
    INSPECTION = "inspection", "Kiểm tra"
    SUPERVISION = "supervision", "Giám sát"


class InspectionKind(models.TextChoices):
    REGULAR = "regular", "Thường xuyên, theo chương trình"
    THEMATIC = "thematic", "Chuyên đề"
    VIOLATION = "violation", "Khi có dấu hiệu vi phạm"


class ConductingBody(models.TextChoices):
    COMMITTEE = "committee", "Cấp ủy"
    STANDING = "standing", "Ban Thường vụ"
    COMMISSION = "commission", "Ủy ban Kiểm tra"
    CELL = "cell", "Chi bộ"


class Inspection(Recorded):
    mode = models.CharField("hình thức", max_length=16, choices=Mode.choices)
    kind = models.CharField("loại", max_length=16, choices=InspectionKind.choices)
    conductor = models.ForeignKey(
        Organisation, verbose_name="đơn vị tiến hành", on_delete=models.PROTECT, related_name="inspections"
    )
    body = models.CharField("chủ thể", max_length=16, choices=ConductingBody.choices)
    subject_organisation = models.ForeignKey(
        Organisation,
        verbose_name="tổ chức được kiểm tra, giám sát",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspected",
    )
    subject_member = models.ForeignKey(
        Member,
        verbose_name="đảng viên được kiểm tra, giám sát",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    topic = models.CharField("nội dung", max_length=500)
    started_on = models.DateField("ngày bắt đầu")
    ended_on = models.DateField("ngày kết thúc", null=True, blank=True)
    findings = models.TextField("kết quả", blank=True, default="")
    conclusion = models.TextField("kết luận", blank=True, default="")
    violation_found = models.BooleanField("kết luận có vi phạm", default=False)

    class Meta:
        verbose_name = "cuộc kiểm tra, giám sát"
        verbose_name_plural = "kiểm tra, giám sát"
        ordering = ["-started_on", "-id"]
        indexes = [models.Index(fields=["started_on", "mode", "conductor"])]

    def __str__(self) -> str:
        return f"{self.get_mode_display()} {self.topic[:60]} ({self.started_on:%d/%m/%Y})"

    def audit_unit(self) -> Organisation:
        return self.conductor

    @property
    def subject_label(self) -> str:
        if self.subject_member_id:
            return f"Đảng viên {self.subject_member}"
        return str(self.subject_organisation or "")


class DisciplineForm(models.TextChoices):
    REPRIMAND = "reprimand", "Khiển trách"
    WARNING = "warning", "Cảnh cáo"
    DISMISSAL = "dismissal", "Cách chức"
    EXPULSION = "expulsion", "Khai trừ"


class Discipline(Recorded):
    member = models.ForeignKey(
        Member, verbose_name="đảng viên", on_delete=models.PROTECT, related_name="disciplines"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name="chi bộ của đảng viên", on_delete=models.PROTECT, related_name="+"
    )
    form = models.CharField("hình thức", max_length=16, choices=DisciplineForm.choices)
    decided_on = models.DateField("ngày quyết định")
    decided_by = models.CharField("cấp quyết định", max_length=255, blank=True, default="")
    decision = models.CharField("số quyết định", max_length=128, blank=True, default="")
    reason = models.TextField("lý do, vi phạm")
    inspection = models.ForeignKey(
        Inspection,
        verbose_name="sau cuộc kiểm tra",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disciplines",
    )
    event = models.ForeignKey(
        MembershipEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "kỷ luật đảng viên"
        verbose_name_plural = "kỷ luật đảng viên"
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_form_display()} — {self.member} ({self.decided_on:%d/%m/%Y})"

    def audit_unit(self) -> Organisation:
        return self.organisation


class QualityRating(Recorded):
    period = models.CharField("kỳ", max_length=16)
    year = models.PositiveSmallIntegerField("năm")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="tổ chức (hoặc chi bộ của đảng viên)",
        on_delete=models.PROTECT,
        related_name="quality_ratings",
    )
    member = models.ForeignKey(
        Member,
        verbose_name="đảng viên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="quality_ratings",
    )
    rules_code = models.CharField("theo quy định", max_length=32, blank=True, default="")
    tasks_on_time = models.FloatField("% nhiệm vụ đúng hạn", null=True, blank=True)
    tasks_exceeding = models.FloatField("% nhiệm vụ vượt yêu cầu", null=True, blank=True)
    disciplined = models.BooleanField("bị kỷ luật trong năm", default=False)
    proposed_grade = models.CharField("đề xuất", max_length=8, choices=GRADE_CHOICES, blank=True)
    proposed_score = models.FloatField("điểm đề xuất", null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_grade = models.CharField("quyết định", max_length=8, choices=GRADE_CHOICES, blank=True)
    decided_score = models.FloatField("điểm quyết định", null=True, blank=True)
    decided_on = models.DateField("ngày quyết định", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    deciding_organisation = models.ForeignKey(
        Organisation,
        verbose_name="cấp ủy quyết định",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision = models.CharField("số quyết định", max_length=128, blank=True, default="")

    class Meta:
        verbose_name = "xếp loại chất lượng"
        verbose_name_plural = "xếp loại chất lượng"
        ordering = ["-year", "organisation__name_folded"]
        indexes = [models.Index(fields=["period", "decided_grade"])]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "period"],
                condition=models.Q(member__isnull=True, voided_at__isnull=True),
                name="one_rating_per_organisation_period",
            ),
            models.UniqueConstraint(
                fields=["member", "period"],
                condition=models.Q(member__isnull=False, voided_at__isnull=True),
                name="one_rating_per_member_period",
            ),
        ]

    def __str__(self) -> str:
        who = self.member or self.organisation
        return f"Xếp loại {self.period} — {who}"

    def audit_unit(self) -> Organisation:
        return self.organisation


class MobilisationField(models.TextChoices):
    ECONOMY = "economy", "Kinh tế"
    SOCIETY = "society", "Văn hóa - xã hội"
    DEFENCE = "defence", "Quốc phòng - an ninh"
    POLITICAL = "political", "Xây dựng hệ thống chính trị"
    OTHER = "other", "Khác"


class RecognitionLevel(models.TextChoices):
    GRASSROOTS = "grassroots", "Cấp cơ sở"
    COMMUNE = "commune", "Cấp xã, huyện"
    PROVINCE = "province", "Cấp tỉnh"
    NATIONAL = "national", "Cấp Trung ương"


class MobilisationModel(Recorded):
    organisation = models.ForeignKey(
        Organisation, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="mobilisation_models"
    )
    year = models.PositiveSmallIntegerField("năm")
    name = models.CharField("tên mô hình", max_length=255)
    field = models.CharField("lĩnh vực", max_length=16, choices=MobilisationField.choices)
    description = models.TextField("mô tả", blank=True, default="")
    level = models.CharField("cấp công nhận", max_length=16, choices=RecognitionLevel.choices)
    recognised_on = models.DateField("ngày công nhận", null=True, blank=True)

    class Meta:
        verbose_name = "mô hình «Dân vận khéo»"
        verbose_name_plural = "mô hình «Dân vận khéo»"
        ordering = ["-year", "name"]
        indexes = [models.Index(fields=["year", "organisation"])]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"

    def audit_unit(self) -> Organisation:
        return self.organisation


for _model in (CellMeeting, InspectionPlan, Inspection, Discipline, QualityRating, MobilisationModel):
    auditlog.register(_model)
