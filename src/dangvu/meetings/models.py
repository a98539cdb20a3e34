"""Conferences and the people in them; steering committees and who oversees which unit.

A `Meeting` (hội nghị) is organised by one organisation on a day, reviews a period, has chairs and other
participants (`Participant`, each with the positions they held that day), contributions (`Contribution`:
who spoke, on what), a conclusion (kết luận), the documents it cites, and the figures (`Figure`) and
shortcomings (`Shortcoming`) it states. A conference read from a text keeps that text (`source_text`, with
its origin) and where each fact was written in it. A `Person` is a cadre who chairs
or speaks, with positions over time (`PersonPosition`, each kept by the unit whose records stated it),
linked to the member register when known.

A `Body` is a steering committee (Ban Chỉ đạo) set up by a document, with its members (`BodyMember`);
an `Oversight` assigns a member or an agency to oversee a unit (phân công phụ trách xã). Nothing is
deleted: meetings are voided, positions, memberships and oversights are closed with an end date.
"""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models

from dangvu.documents.models import Document
from dangvu.meetings.kinds import BY_CODE, kind_choices
from dangvu.organisations.models import Organisation


def _org_data(org: Organisation | None) -> dict[str, str]:
    return (
        {"org_path": org.path, "org_code": org.code} if org is not None else {"org_path": "", "org_code": ""}
    )


class Person(models.Model):
    full_name = models.CharField("họ và tên", max_length=128)
    name_folded = models.CharField(max_length=128, db_index=True, editable=False)
    home = models.ForeignKey(
        Organisation,
        verbose_name="hồ sơ thuộc",
        on_delete=models.PROTECT,
        related_name="people",
        help_text="The unit whose records first named this person; it decides who sees them.",
    )
    member = models.ForeignKey(
        "members.Member",
        verbose_name="đảng viên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "cán bộ"
        verbose_name_plural = "cán bộ"
        ordering = ["name_folded"]

    def __str__(self) -> str:
        return self.full_name

    def get_additional_data(self) -> dict[str, str]:
        return _org_data(self.home)


class PersonPosition(models.Model):
    """`person` held the position `title` from `valid_from` until the day before `valid_to` (None: still),
    as written in the records of `recorded_by`.

    A title belongs to the unit whose conference or steering body stated it, not to the person: a cadre of
    the province given a title naming commune B in B's conference is seen by commune A (the person is above
    A), but that title is B's record. It is seen where B's records are seen: in B's sub-tree and above it
    (`selectors.positions_visible`), the rule of `Person.home` and of the document registers.
    """

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="positions")
    title = models.CharField("chức vụ", max_length=255)
    valid_from = models.DateField("từ ngày")
    valid_to = models.DateField("đến ngày", null=True, blank=True)
    recorded_by = models.ForeignKey(
        Organisation,
        verbose_name="đơn vị ghi",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The unit whose records stated this title; it decides who sees it.",
    )

    class Meta:
        ordering = ["valid_from", "pk"]

    def __str__(self) -> str:
        return f"{self.person}: {self.title} từ {self.valid_from:%d/%m/%Y}"

    def get_additional_data(self) -> dict[str, str]:
        return _org_data(self.recorded_by)


class Meeting(models.Model):
    kind = models.CharField("loại hội nghị", max_length=32, choices=kind_choices())
    title = models.CharField("tên hội nghị", max_length=500)
    organiser = models.ForeignKey(
        Organisation, verbose_name="đơn vị tổ chức", on_delete=models.PROTECT, related_name="meetings"
    )
    body = models.ForeignKey(
        "Body",
        verbose_name="Ban Chỉ đạo",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    held_on = models.DateField("ngày")
    starts_at = models.TimeField("giờ", null=True, blank=True)
    venue = models.CharField("địa điểm", max_length=255, blank=True, default="")
    period = models.CharField("kỳ sơ kết, tổng kết", max_length=16, blank=True, default="")
    agenda = models.TextField("nội dung", blank=True, default="")
    conclusion = models.TextField("kết luận", blank=True, default="")
    documents = models.ManyToManyField(Document, verbose_name="văn bản", blank=True, related_name="meetings")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    voided_at = models.DateTimeField("thời điểm hủy", null=True, blank=True)
    void_reason = models.CharField("lý do hủy", max_length=255, blank=True, default="")
    source_text = models.TextField(
        "văn bản nguồn",
        blank=True,
        default="",
        help_text="The text the conference was read from (normalised), when it was read by the reader.",
    )
    source_origin = models.CharField(
        "nguồn", max_length=255, blank=True, default="", help_text="File name, or that it was pasted."
    )
    source_marks = models.JSONField(
        "vị trí trong văn bản nguồn",
        default=list,
        blank=True,
        help_text='Where the other facts read were written: [{"kind", "start", "end"}] into source_text.',
    )

    class Meta:
        verbose_name = "hội nghị"
        verbose_name_plural = "hội nghị"
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d/%m/%Y})"

    @property
    def kind_label(self) -> str:
        return BY_CODE[self.kind].label

    def get_additional_data(self) -> dict[str, str]:
        return _org_data(self.organiser)


class ParticipantRole(models.TextChoices):
    CHAIR = "chair", "Chủ trì"
    ATTENDEE = "attendee", "Dự"


class Participant(models.Model):
    """A person (with the positions held that day) or a unit at a meeting. A unit outside the party tree
    ("Sở Nội vụ") is kept by name."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="participants")
    role = models.CharField("vai trò", max_length=16, choices=ParticipantRole.choices)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="participations"
    )
    positions = models.JSONField("chức vụ tại thời điểm đó", default=list, blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit_name = models.CharField("đơn vị", max_length=255, blank=True, default="")

    class Meta:
        ordering = ["role", "pk"]  # chairs ("chair") before attendees ("attendee")

    def __str__(self) -> str:
        who = self.person or self.organisation or self.unit_name
        return f"{self.get_role_display()}: {who}"

    @property
    def positions_text(self) -> str:
        return ", ".join(self.positions)

    def get_additional_data(self) -> dict[str, str]:
        return _org_data(self.meeting.organiser)


class Contribution(models.Model):
    """Who spoke (a person, or a unit) and on what."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="contributions")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="contributions"
    )
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit_name = models.CharField("đơn vị", max_length=255, blank=True, default="")
    topic = models.CharField("về", max_length=500)
    summary = models.TextField("tóm tắt", blank=True, default="")

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.person or self.organisation or self.unit_name}: {self.topic}"

    def get_additional_data(self) -> dict[str, str]:
        return _org_data(self.meeting.organiser)


class SourceSpan(models.Model):
    """Where in its conference's `source_text` a fact was written (both None when entered by hand)."""

    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        abstract = True


class Figure(SourceSpan):
    """A figure the conference states: "kết nạp 35 đảng viên, đạt 57% chỉ tiêu", "16/35 xã"."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="figures")
    value = models.DecimalField("số", max_digits=20, decimal_places=4)
    unit = models.CharField("đơn vị tính", max_length=64, blank=True, default="")
    of = models.DecimalField("trên", max_digits=20, decimal_places=4, null=True, blank=True)
    indicator = models.CharField("chỉ tiêu nói về", max_length=255, blank=True, default="")
    is_target = models.BooleanField("là chỉ tiêu đề ra", default=False)
    forecast = models.CharField("dự báo", max_length=255, blank=True, default="")
    approximate = models.BooleanField("ước tính", default=False)
    text = models.CharField("như văn bản ghi", max_length=500, blank=True, default="")

    class Meta:
        verbose_name = "số liệu"
        verbose_name_plural = "số liệu"
        ordering = ["pk"]

    def __str__(self) -> str:
        of = f"/{self.of.normalize():f}" if self.of is not None else ""
        return f"{self.value.normalize():f}{of} {self.unit} {self.indicator}".strip()

    def get_additional_data(self) -> dict[str, str]:
        return _org_data(self.meeting.organiser)


class Shortcoming(SourceSpan):
    """A shortcoming (hạn chế, tồn tại) the conference states, as written."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="shortcomings")
    text = models.TextField("hạn chế")

    class Meta:
        verbose_name = "hạn chế"
        verbose_name_plural = "hạn chế"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.text

    def get_additional_data(self) -> dict[str, str]:
        return _org_data(self.meeting.organiser)


class Body(models.Model):
    """A steering committee (Ban Chỉ đạo) set up by `organisation` under a document."""

    organisation = models.ForeignKey(
        Organisation, verbose_name="đơn vị thành lập", on_delete=models.PROTECT, related_name="bodies"
    )
    name = models.CharField("tên", max_length=500)
    established_by = models.ForeignKey(
        Document,
        verbose_name="theo văn bản",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bodies",
    )
    established_on = models.DateField("ngày thành lập")
    dissolved_on = models.DateField("ngày kết thúc", null=True, blank=True)

    class Meta:
        verbose_name = "Ban Chỉ đạo"
        verbose_name_plural = "Ban Chỉ đạo"
        ordering = ["-established_on", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict[str, str]:
        return _org_data(self.organisation)


class BodyMember(models.Model):
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="body_memberships")
    role = models.CharField("vai trò", max_length=128)  # Trưởng ban, Phó Trưởng ban, Thành viên …
    valid_from = models.DateField("từ ngày")
    valid_to = models.DateField("đến ngày", null=True, blank=True)

    class Meta:
        ordering = ["valid_from", "pk"]

    def __str__(self) -> str:
        return f"{self.person} — {self.role}, {self.body}"

    def get_additional_data(self) -> dict[str, str]:
        return _org_data(self.body.organisation)


class Oversight(models.Model):
    """A person or an agency assigned to oversee `organisation` (phân công phụ trách), from a date."""

    body = models.ForeignKey(Body, null=True, blank=True, on_delete=models.PROTECT, related_name="oversights")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="đơn vị được phụ trách",
        on_delete=models.PROTECT,
        related_name="oversights",
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.PROTECT, related_name="oversights"
    )
    agency = models.CharField("cơ quan phụ trách", max_length=255, blank=True, default="")
    valid_from = models.DateField("từ ngày")
    valid_to = models.DateField("đến ngày", null=True, blank=True)

    class Meta:
        ordering = ["valid_from", "pk"]

    def __str__(self) -> str:
        return f"{self.person or self.agency} phụ trách {self.organisation}"

    def get_additional_data(self) -> dict[str, str]:
        return _org_data(self.organisation)


auditlog.register(Person, exclude_fields=["name_folded"])
auditlog.register(PersonPosition)
auditlog.register(Meeting, m2m_fields={"documents"}, exclude_fields=["source_text", "source_marks"])
auditlog.register(Figure)
auditlog.register(Shortcoming)
auditlog.register(Participant)
auditlog.register(Contribution)
auditlog.register(Body)
auditlog.register(BodyMember)
auditlog.register(Oversight)
