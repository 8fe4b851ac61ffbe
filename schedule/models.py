"""The leadership's weekly work schedule (lịch công tác tuần).

Editors enter a week (from its Monday) with its items and publish it. A change to a published
week's items — or an item added to it — is stamped "điều chỉnh" with its time, and counted
(the iCalendar SEQUENCE), so readers and calendar clients see what moved.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from congdoan.tenancy import FederationOwned, scoped_manager
from congdoan.validators import YearRangeValidator
from congdoan.versioning import VersionedModel

from . import weeks

# What a reader sees of an item: a change to any of these after publishing is an adjustment.
PUBLIC_FIELDS = (
    "day",
    "session",
    "start_time",
    "end_time",
    "content",
    "venue",
    "chair",
    "attendees",
    "preparing_unit",
)


class WeekQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Week(FederationOwned, VersionedModel):
    starts_on = models.DateField(
        "tuần bắt đầu từ",
        validators=[YearRangeValidator(weeks.FIRST_YEAR, weeks.LAST_YEAR)],
        help_text="Ngày thứ Hai đầu tuần (dd/mm/yyyy). Nhập ngày khác trong tuần thì được tính về thứ Hai.",
    )
    note = models.CharField(
        "ghi chú",
        max_length=500,
        blank=True,
        help_text="Hiện dưới tiêu đề lịch tuần. Ví dụ: Lịch có thể thay đổi, đề nghị các đơn vị theo dõi thường xuyên.",
    )
    is_published = models.BooleanField(
        "công bố",
        default=False,
        help_text="Chỉ lịch đã công bố mới hiện trên trang web. "
        "Sửa lịch sau khi công bố thì mục đó được ghi “điều chỉnh”.",
    )
    published_at = models.DateTimeField("công bố lúc", null=True, blank=True, editable=False)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    objects = scoped_manager(WeekQuerySet)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = "lịch công tác tuần"
        verbose_name_plural = "lịch công tác tuần"
        constraints = [
            models.UniqueConstraint(
                fields=["federation", "starts_on"],
                name="schedule_week_unique_per_federation",
                violation_error_message="Tuần này đã có lịch; hãy mở lịch đã có để sửa.",
            )
        ]
        indexes = [models.Index(fields=["federation", "is_published", "starts_on"], name="schedule_week_published")]

    def __str__(self):
        return weeks.week_heading(self.starts_on) if self.starts_on else "Lịch công tác tuần mới"

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Whether readers could already see this week when it was read: the items' changes
        # then count as adjustments (Entry.save). Publishing and editing in one save does not.
        instance.published_when_loaded = instance.is_published
        return instance

    def clean(self):
        super().clean()
        if isinstance(self.starts_on, datetime.date):
            self.starts_on = weeks.monday_of(self.starts_on)

    def save(self, *args, **kwargs):
        if self.starts_on:
            self.starts_on = weeks.monday_of(self.starts_on)
        if self.is_published and (self.published_at is None or not getattr(self, "published_when_loaded", True)):
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def param(self) -> str:
        return weeks.week_param(self.starts_on)

    @property
    def heading(self) -> str:
        return weeks.week_heading(self.starts_on)

    def get_absolute_url(self):
        return f"{reverse('schedule:week')}?tuan={self.param}"


class EntryQuerySet(models.QuerySet):
    def in_day_order(self):
        return self.order_by("day", "session", F("start_time").asc(nulls_first=True), "pk")

    def recurring(self):
        return self.filter(is_recurring=True)


class Entry(VersionedModel):
    class Day(models.IntegerChoices):
        MONDAY = 1, "Thứ Hai"
        TUESDAY = 2, "Thứ Ba"
        WEDNESDAY = 3, "Thứ Tư"
        THURSDAY = 4, "Thứ Năm"
        FRIDAY = 5, "Thứ Sáu"
        SATURDAY = 6, "Thứ Bảy"
        SUNDAY = 7, "Chủ nhật"

    class Session(models.IntegerChoices):
        MORNING = 1, "Sáng"
        AFTERNOON = 2, "Chiều"
        EVENING = 3, "Tối"

    week = models.ForeignKey(Week, verbose_name="tuần", on_delete=models.CASCADE, related_name="entries")
    day = models.PositiveSmallIntegerField("ngày", choices=Day.choices, help_text="Ngày trong tuần.")
    session = models.PositiveSmallIntegerField("buổi", choices=Session.choices, default=Session.MORNING)
    start_time = models.TimeField("giờ bắt đầu", null=True, blank=True, help_text="Ví dụ: 08:00. Để trống nếu cả buổi.")
    end_time = models.TimeField("giờ kết thúc", null=True, blank=True, help_text="Ví dụ: 11:30. Có thể để trống.")
    content = models.TextField(
        "nội dung",
        max_length=1000,
        help_text="Ví dụ: Dự Hội nghị tổng kết công tác Công đoàn năm 2026 của Công đoàn ngành Giáo dục.",
    )
    venue = models.CharField(
        "địa điểm", max_length=255, blank=True, help_text="Ví dụ: Hội trường tầng 3, trụ sở LĐLĐ tỉnh."
    )
    chair = models.CharField("chủ trì", max_length=255, blank=True, help_text="Ví dụ: Đồng chí Chủ tịch LĐLĐ tỉnh.")
    attendees = models.TextField(
        "thành phần",
        max_length=1000,
        blank=True,
        help_text="Ví dụ: Các đồng chí Thường trực; Trưởng các ban, Văn phòng LĐLĐ tỉnh.",
    )
    preparing_unit = models.CharField(
        "đơn vị chuẩn bị", max_length=255, blank=True, help_text="Ví dụ: Văn phòng LĐLĐ tỉnh."
    )
    is_recurring = models.BooleanField(
        "lặp lại hằng tuần",
        default=False,
        help_text="Mục được chép sang tuần sau bằng thao tác “Chép các mục lặp lại từ tuần trước”.",
    )
    revised_at = models.DateTimeField("điều chỉnh lúc", null=True, blank=True, editable=False)
    revision = models.PositiveIntegerField("số lần điều chỉnh", default=0, editable=False)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    objects = scoped_manager(EntryQuerySet, path="week__federation")

    class Meta:
        ordering = ["day", "session", "start_time", "pk"]
        verbose_name = "mục lịch công tác"
        verbose_name_plural = "các mục lịch công tác"
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__isnull=True) | Q(start_time__isnull=False, end_time__gt=F("start_time")),
                name="schedule_entry_ends_after_start",
                violation_error_message="Giờ kết thúc phải sau giờ bắt đầu (và cần có giờ bắt đầu).",
            ),
            models.CheckConstraint(condition=Q(day__gte=1, day__lte=7), name="schedule_entry_day_of_week"),
            models.CheckConstraint(condition=Q(session__gte=1, session__lte=3), name="schedule_entry_session"),
        ]

    def __str__(self):
        return f"{self.get_day_display()} – {self.get_session_display()}: {self.content[:60]}"

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded = {name: instance.__dict__.get(name) for name in PUBLIC_FIELDS}
        return instance

    def clean(self):
        super().clean()
        errors = {}
        if self.end_time and not self.start_time:
            errors["end_time"] = "Có giờ kết thúc thì phải có giờ bắt đầu."
        elif self.end_time and self.start_time and self.end_time <= self.start_time:
            errors["end_time"] = "Giờ kết thúc phải sau giờ bắt đầu."
        if self.start_time and self.session in self.Session.values:
            # A typo such as "Sáng, 14:00" is caught here rather than printed.
            hour = self.start_time.hour
            fits = {self.Session.MORNING: hour < 12, self.Session.AFTERNOON: 11 <= hour < 19}.get(
                self.session, hour >= 17
            )
            if not fits:
                errors["start_time"] = (
                    f"Giờ {self.start_time:%H:%M} không thuộc buổi {self.get_session_display().lower()}: "
                    "hãy sửa giờ hoặc buổi."
                )
        if errors:
            raise ValidationError(errors)

    def changed_fields(self) -> list[str]:
        loaded = getattr(self, "_loaded", None)
        if loaded is None:
            return list(PUBLIC_FIELDS)
        return [name for name in PUBLIC_FIELDS if getattr(self, name) != loaded[name]]

    def save(self, *args, **kwargs):
        week = self.week
        if getattr(week, "published_when_loaded", False) and week.is_published and self.changed_fields():
            self.revised_at = timezone.now()
            self.revision += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "revised_at", "revision"}
        super().save(*args, **kwargs)
        self._loaded = {name: getattr(self, name) for name in PUBLIC_FIELDS}

    @property
    def date(self) -> datetime.date:
        return self.week.starts_on + datetime.timedelta(days=self.day - 1)

    @property
    def is_adjusted(self) -> bool:
        """Changed (or added) after its week was published."""
        published = self.week.published_at
        return self.revised_at is not None and published is not None and self.revised_at > published

    @property
    def time_text(self) -> str:
        """ "08:00 – 11:30", "14:00", or "" when the item takes the whole session."""
        if self.start_time is None:
            return ""
        if self.end_time is None:
            return f"{self.start_time:%H:%M}"
        return f"{self.start_time:%H:%M} – {self.end_time:%H:%M}"

    @property
    def when_text(self) -> str:
        """The time line readers see: "Sáng, 08:00 – 11:30" or "Chiều"."""
        session = self.get_session_display()
        return f"{session}, {self.time_text}" if self.time_text else session

    @property
    def adjusted_text(self) -> str:
        """ "Điều chỉnh lúc 14:20 - 01/12/2026"."""
        return f"Điều chỉnh lúc {timezone.localtime(self.revised_at):%H:%M - %d/%m/%Y}" if self.is_adjusted else ""
