"""The candidate pipeline (nguồn phát triển đảng viên): outstanding non-members on their way to admission.

A `Candidate` is a person a cell keeps as a source (quần chúng ưu tú); they take the awareness course (lớp
bồi dưỡng nhận thức về Đảng), are proposed for admission, and are admitted (then linked to the `Member` made
by `members.services.member_admit`) or dropped. Each step is a dated `CandidateEvent`, written once by
`members.candidate_services`, never changed; `Candidate.stage / stage_on` summarise the last one.
Imported by `members.models`, so these are models of the members app.
"""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models

from dangvu.members.models import Gender, Member
from dangvu.organisations.models import Organisation


class Occupation(models.TextChoices):
    """Occupation groups of the forms; students and private-enterprise workers are counted apart."""

    STUDENT = "student", "Học sinh, sinh viên"
    PRIVATE_ENTERPRISE = "private_enterprise", "Người lao động trong doanh nghiệp ngoài khu vực nhà nước"
    FARMER = "farmer", "Nông dân"
    PUBLIC_SERVANT = "public_servant", "Cán bộ, công chức, viên chức"
    ARMED_FORCES = "armed_forces", "Lực lượng vũ trang"
    OTHER = "other", "Khác"


class Stage(models.TextChoices):
    SOURCE = "source", "Quần chúng ưu tú (nguồn)"
    COURSE_DONE = "course_done", "Đã học lớp nhận thức về Đảng"
    PROPOSED = "proposed", "Đã đề nghị kết nạp"
    ADMITTED = "admitted", "Đã kết nạp"
    DROPPED = "dropped", "Đưa ra khỏi nguồn"


class Candidate(models.Model):
    unit = models.ForeignKey(Organisation, verbose_name="chi bộ", on_delete=models.PROTECT, related_name="+")
    full_name = models.CharField("họ và tên", max_length=128)
    name_folded = models.CharField(max_length=128, db_index=True, editable=False)
    birth_date = models.DateField("ngày sinh")
    gender = models.CharField("giới tính", max_length=3, choices=Gender.choices)
    ethnicity = models.CharField("dân tộc", max_length=32)
    occupation = models.CharField("nghề nghiệp", max_length=24, choices=Occupation.choices)
    stage = models.CharField("giai đoạn", max_length=16, choices=Stage.choices, default=Stage.SOURCE)
    stage_on = models.DateField("từ ngày")
    member = models.ForeignKey(
        Member,
        verbose_name="đảng viên (sau khi kết nạp)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    is_synthetic = models.BooleanField("dữ liệu mô phỏng", default=False)

    class Meta:
        verbose_name = "quần chúng (nguồn phát triển đảng viên)"
        verbose_name_plural = "nguồn phát triển đảng viên"
        indexes = [models.Index(fields=["stage", "occupation"])]

    def __str__(self) -> str:
        return self.full_name

    def get_additional_data(self) -> dict[str, str]:
        return {"org_path": self.unit.path, "org_code": self.unit.code}


class CandidateEvent(models.Model):
    """The candidate reached `stage` on `occurred_on` (course name, decision, reason as it applies)."""

    candidate = models.ForeignKey(
        Candidate, verbose_name="quần chúng", on_delete=models.PROTECT, related_name="events"
    )
    stage = models.CharField("giai đoạn", max_length=16, choices=Stage.choices)
    occurred_on = models.DateField("ngày")
    course_name = models.CharField("lớp bồi dưỡng", max_length=255, blank=True, default="")
    decision = models.CharField("văn bản", max_length=128, blank=True, default="")
    note = models.CharField("ghi chú / lý do", max_length=255, blank=True, default="")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("thời điểm ghi", auto_now_add=True)

    class Meta:
        verbose_name = "bước của nguồn phát triển"
        verbose_name_plural = "bước của nguồn phát triển"
        ordering = ["occurred_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} — {self.candidate} ({self.occurred_on:%d/%m/%Y})"

    def get_additional_data(self) -> dict[str, str]:
        return self.candidate.get_additional_data()


auditlog.register(Candidate, exclude_fields=["name_folded"])
auditlog.register(CandidateEvent)
