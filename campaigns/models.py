"""Campaigns: emulation movements, online contests and propaganda drives.

Status, the current phase and the days left all follow from dates in the
federation's zone (Asia/Ho_Chi_Minh); nothing about them is stored.
"""

import datetime
import math

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.urls import reverse

from congdoan.caching import site_today
from congdoan.fields import RichTextField, VietnameseSlugField
from congdoan.images import dated_upload_to, validate_image_upload
from congdoan.photos import PhotoModel
from congdoan.tenancy import FederationOwned, scoped_manager, unique_slug_constraint
from congdoan.versioning import VersionedModel


def grouped(value: int) -> str:
    """4155 → "4.155" (Vietnamese grouping, independent of the active language)."""
    return f"{value:,}".replace(",", ".")


class Status(models.TextChoices):
    UPCOMING = "sap-dien-ra", "Sắp diễn ra"
    ONGOING = "dang-dien-ra", "Đang diễn ra"
    ENDED = "da-ket-thuc", "Đã kết thúc"


def status_for(start: datetime.date, end: datetime.date, day: datetime.date) -> Status:
    """Both edge days belong to the period: it is ongoing on its first and last day."""
    if day < start:
        return Status.UPCOMING
    if day > end:
        return Status.ENDED
    return Status.ONGOING


class CampaignKind(models.Model):
    """Phong trào thi đua, cuộc thi, đợt tuyên truyền… (editable list)."""

    name = models.CharField(
        "tên loại", max_length=100, unique=True, help_text="Ví dụ: Phong trào thi đua, Cuộc thi, Đợt tuyên truyền."
    )
    slug = VietnameseSlugField(
        "đường dẫn",
        max_length=100,
        populate_from="name",
        fallback="loai",
        unique=True,
        blank=True,
        help_text="Dùng trong bộ lọc trên trang Phong trào (?loai=…). Để trống để tạo tự động từ tên.",
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0, help_text="Số nhỏ đứng trước trong bộ lọc.")

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "loại phong trào"
        verbose_name_plural = "loại phong trào"

    def __str__(self):
        return self.name


class CampaignQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def ongoing(self, day: datetime.date | None = None):
        day = day or site_today()
        return self.filter(start_date__lte=day, end_date__gte=day)

    def upcoming(self, day: datetime.date | None = None):
        day = day or site_today()
        return self.filter(start_date__gt=day)

    def ended(self, day: datetime.date | None = None):
        day = day or site_today()
        return self.filter(end_date__lt=day)

    def with_status(self, status: str, day: datetime.date | None = None):
        return {Status.ONGOING: self.ongoing, Status.UPCOMING: self.upcoming, Status.ENDED: self.ended}[status](day)

    def in_year(self, year: int):
        """Campaigns that run on at least one day of `year`."""
        return self.filter(start_date__year__lte=year, end_date__year__gte=year)

    def for_listing(self, day: datetime.date | None = None):
        """Ongoing first (latest start first), then upcoming (soonest first), then ended (latest end first)."""
        day = day or site_today()
        return self.annotate(
            status_rank=Case(
                When(start_date__gt=day, then=Value(1)),
                When(end_date__lt=day, then=Value(2)),
                default=Value(0),
                output_field=IntegerField(),
            ),
            upcoming_key=Case(When(start_date__gt=day, then=F("start_date")), default=None),
            recent_key=Case(
                When(end_date__lt=day, then=F("end_date")),
                When(start_date__lte=day, then=F("start_date")),
                default=None,
            ),
        ).order_by("status_rank", F("upcoming_key").asc(nulls_last=True), F("recent_key").desc(nulls_last=True), "-pk")


class Campaign(FederationOwned, PhotoModel, VersionedModel):
    photo_fields = {"cover": ("cover_width", "cover_height")}

    title = models.CharField(
        "tên phong trào / cuộc thi",
        max_length=255,
        help_text="Tên đầy đủ, ví dụ: Cuộc thi trực tuyến “Tìm hiểu pháp luật về công đoàn” năm 2024.",
    )
    slug = VietnameseSlugField(
        "đường dẫn",
        max_length=200,
        populate_from="title",
        fallback="phong-trao",
        blank=True,
        help_text="Phần cuối địa chỉ trang, không dấu. Để trống để tạo tự động từ tên.",
    )
    kind = models.ForeignKey(
        CampaignKind,
        verbose_name="loại",
        on_delete=models.PROTECT,
        related_name="campaigns",
        help_text="Phong trào thi đua, cuộc thi hay đợt tuyên truyền. Danh sách loại sửa được ở mục “Loại phong trào”.",
    )
    theme = models.CharField(
        "chủ đề",
        max_length=255,
        blank=True,
        help_text="Chủ đề, không cần gõ dấu ngoặc kép (trang web tự thêm). Ví dụ: Đoàn viên khỏe – Công đoàn mạnh.",
    )
    summary = models.TextField(
        "tóm tắt",
        max_length=600,
        help_text="Hai, ba câu giới thiệu; hiện trên thẻ ở trang danh sách, trong RSS và khi chia sẻ.",
    )
    body = RichTextField(
        "nội dung",
        blank=True,
        help_text="Thể lệ, cách tham gia, cơ cấu giải thưởng… Có thể chèn ảnh và bảng.",
    )
    organiser = models.CharField(
        "đơn vị tổ chức",
        max_length=255,
        help_text="Ví dụ: Ban Thường vụ Liên đoàn Lao động tỉnh.",
    )
    participants = models.TextField(
        "đối tượng tham gia",
        blank=True,
        help_text="Ai được tham gia. Ví dụ: Đoàn viên, người lao động trong các doanh nghiệp trên địa bàn tỉnh.",
    )
    start_date = models.DateField("ngày bắt đầu", help_text="Ngày đầu tiên (dd/mm/yyyy).")
    end_date = models.DateField("ngày kết thúc", help_text="Ngày cuối cùng, tính cả ngày này (dd/mm/yyyy).")
    cover = models.ImageField(
        "ảnh bìa",
        upload_to=dated_upload_to,
        validators=[validate_image_upload],
        blank=True,
        help_text="Ảnh JPEG, PNG hoặc WebP, nên rộng ít nhất 1200 điểm ảnh, tỉ lệ 16:9.",
    )
    cover_width = models.PositiveIntegerField("chiều rộng ảnh", null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField("chiều cao ảnh", null=True, blank=True, editable=False)
    cover_alt = models.CharField(
        "mô tả ảnh bìa",
        max_length=255,
        blank=True,
        help_text="Tả ngắn nội dung ảnh cho người khiếm thị. Để trống thì dùng tên phong trào.",
    )
    hashtags = models.CharField(
        "hashtag",
        max_length=255,
        blank=True,
        help_text="Cách nhau bởi dấu cách hoặc dấu phẩy, có hoặc không có dấu #. "
        "Ví dụ: #CongDoanBacKan #ThiDuaLaoDong.",
    )
    external_url = models.URLField(
        "liên kết ngoài",
        max_length=500,
        blank=True,
        help_text="Ví dụ: địa chỉ trang dự thi trực tuyến của Tổng Liên đoàn.",
    )
    external_label = models.CharField(
        "nhãn liên kết ngoài",
        max_length=120,
        blank=True,
        help_text="Chữ trên nút liên kết, ví dụ: Vào trang dự thi. Để trống thì dùng “Truy cập trang cuộc thi”.",
    )
    registrations_label = models.CharField(
        "đơn vị số đăng ký",
        max_length=60,
        default="người đăng ký",
        help_text="Chữ đứng sau con số thứ nhất trong số liệu, ví dụ: người đăng ký, đơn vị đăng ký.",
    )
    attempts_label = models.CharField(
        "đơn vị số lượt",
        max_length=60,
        default="lượt dự thi",
        help_text="Chữ đứng sau con số thứ hai, ví dụ: lượt dự thi, bài dự thi, sáng kiến.",
    )
    related_articles = models.ManyToManyField(
        "news.Article",
        verbose_name="bài viết liên quan",
        related_name="campaigns",
        blank=True,
        help_text="Tin, bài về phong trào này; hiện ở cuối trang phong trào, và trang bài viết hiện lại phong trào.",
    )
    is_published = models.BooleanField(
        "hiển thị công khai", default=False, help_text="Bỏ chọn để ẩn khỏi trang web (chỉ người quản trị xem được)."
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    objects = scoped_manager(CampaignQuerySet)

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = "phong trào – cuộc thi"
        verbose_name_plural = "phong trào – cuộc thi"
        constraints = [
            unique_slug_constraint("campaigns_campaign"),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="campaign_ends_after_start",
                violation_error_message="Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.",
            ),
            models.CheckConstraint(
                condition=Q(external_label="") | ~Q(external_url=""),
                name="campaign_link_label_needs_url",
                violation_error_message="Có nhãn liên kết thì phải có địa chỉ liên kết.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("campaigns:detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu."
        if self.external_label and not self.external_url:
            errors["external_url"] = "Đã có nhãn liên kết, hãy nhập cả địa chỉ liên kết."
        if errors:
            raise ValidationError(errors)

    # --- dates -------------------------------------------------------------

    def status(self, day: datetime.date | None = None) -> Status:
        return status_for(self.start_date, self.end_date, day or site_today())

    @property
    def status_now(self) -> Status:
        return self.status()

    @property
    def is_ongoing(self) -> bool:
        return self.status() == Status.ONGOING

    def days_left(self, day: datetime.date | None = None) -> int | None:
        """Days after `day` until the last day (0 on the last day); None unless ongoing."""
        day = day or site_today()
        if self.status(day) != Status.ONGOING:
            return None
        return (self.end_date - day).days

    def days_until_start(self, day: datetime.date | None = None) -> int | None:
        day = day or site_today()
        return (self.start_date - day).days if day < self.start_date else None

    def countdown_text(self, day: datetime.date | None = None) -> str:
        """ "Còn 12 ngày", "Hôm nay là ngày cuối", "Còn 3 ngày nữa bắt đầu", or ""."""
        day = day or site_today()
        left = self.days_left(day)
        if left is not None:
            return "Hôm nay là ngày cuối" if left == 0 else f"Còn {grouped(left)} ngày"
        until = self.days_until_start(day)
        if until is not None:
            return "Ngày mai bắt đầu" if until == 1 else f"Còn {grouped(until)} ngày nữa bắt đầu"
        return ""

    @property
    def countdown(self) -> str:
        return self.countdown_text()

    def sorted_phases(self) -> list["Phase"]:
        """Phases in order (uses the prefetch cache when there is one)."""
        return sorted(self.phases.all(), key=lambda phase: (phase.order, phase.start_date, phase.pk or 0))

    def current_phase(self, day: datetime.date | None = None) -> "Phase | None":
        day = day or site_today()
        for phase in self.sorted_phases():
            if phase.start_date <= day <= phase.end_date:
                return phase
        return None

    def next_phase(self, day: datetime.date | None = None) -> "Phase | None":
        day = day or site_today()
        later = [phase for phase in self.sorted_phases() if phase.start_date > day]
        return min(later, key=lambda phase: phase.start_date) if later else None

    @property
    def phase_now(self) -> "Phase | None":
        return self.current_phase()

    def timeline(self, day: datetime.date | None = None) -> list[dict]:
        """Phases with their status for the day, for the timeline partial."""
        day = day or site_today()
        return [
            {"phase": phase, "status": phase.status(day), "is_current": phase.status(day) == Status.ONGOING}
            for phase in self.sorted_phases()
        ]

    # --- display helpers ------------------------------------------------------

    def hashtag_list(self) -> list[str]:
        words = self.hashtags.replace(",", " ").replace(";", " ").split()
        tags = []
        for word in words:
            tag = "#" + word.lstrip("#")
            if len(tag) > 1 and tag not in tags:
                tags.append(tag)
        return tags

    @property
    def link_label(self) -> str:
        return self.external_label or "Truy cập trang cuộc thi"

    @property
    def cover_alt_text(self) -> str:
        return self.cover_alt or self.title

    def latest_report(self) -> "ProgressReport | None":
        """The newest report (uses the prefetch cache when there is one)."""
        reports = sorted(self.reports.all(), key=lambda report: report.as_of)
        return reports[-1] if reports else None


def _parent_or_none(instance, attname="campaign"):
    try:
        return getattr(instance, attname)
    except ObjectDoesNotExist:
        return None


class Phase(models.Model):
    campaign = models.ForeignKey(Campaign, verbose_name="phong trào", on_delete=models.CASCADE, related_name="phases")
    order = models.PositiveSmallIntegerField("thứ tự", default=1, help_text="1, 2, 3… theo thứ tự diễn ra.")
    label = models.CharField("nhãn", max_length=60, help_text="Ví dụ: Đợt 1, Giai đoạn 2, Vòng chung kết.", blank=False)
    name = models.CharField("tên đợt", max_length=160, blank=True, help_text="Nếu có, ví dụ: TRAO KỲ VỌNG.")
    start_date = models.DateField("từ ngày")
    end_date = models.DateField("đến ngày", help_text="Tính cả ngày này.")
    description = models.TextField(
        "nội dung",
        blank=True,
        help_text="Người tham gia làm gì trong đợt này, ví dụ: trả lời 20 câu trắc nghiệm và 1 câu tự luận "
        "trong 20 phút, mỗi người dự thi tối đa 2 lần.",
    )

    objects = scoped_manager(path="campaign__federation")

    class Meta:
        ordering = ["order", "start_date", "pk"]
        verbose_name = "đợt / giai đoạn"
        verbose_name_plural = "các đợt / giai đoạn"
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="phase_ends_after_start",
                violation_error_message="Ngày kết thúc của đợt phải bằng hoặc sau ngày bắt đầu.",
            ),
        ]

    def __str__(self):
        return f"{self.label} – {self.name}" if self.name else self.label

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "Ngày kết thúc của đợt phải bằng hoặc sau ngày bắt đầu."
        campaign = _parent_or_none(self)
        if campaign is not None and campaign.start_date and campaign.end_date:
            window = f"{campaign.start_date:%d/%m/%Y} – {campaign.end_date:%d/%m/%Y}"
            if self.start_date and not campaign.start_date <= self.start_date <= campaign.end_date:
                errors["start_date"] = f"Ngày bắt đầu của đợt phải nằm trong thời gian của phong trào ({window})."
            if (
                self.end_date
                and "end_date" not in errors
                and not campaign.start_date <= self.end_date <= campaign.end_date
            ):
                errors["end_date"] = f"Ngày kết thúc của đợt phải nằm trong thời gian của phong trào ({window})."
        if errors:
            raise ValidationError(errors)

    def status(self, day: datetime.date | None = None) -> Status:
        return status_for(self.start_date, self.end_date, day or site_today())

    def days_left(self, day: datetime.date | None = None) -> int | None:
        day = day or site_today()
        return (self.end_date - day).days if self.start_date <= day <= self.end_date else None


class Target(models.Model):
    class Unit(models.TextChoices):
        PERCENT = "percent", "phần trăm (%)"
        COUNT = "count", "số lượng"

    class Measure(models.TextChoices):
        NONE = "", "không theo dõi"
        REGISTRATIONS = "registrations", "số đăng ký"
        ATTEMPTS = "attempts", "số lượt"

    campaign = models.ForeignKey(Campaign, verbose_name="phong trào", on_delete=models.CASCADE, related_name="targets")
    order = models.PositiveSmallIntegerField("thứ tự", default=1)
    label = models.CharField(
        "chỉ tiêu",
        max_length=255,
        help_text="Ví dụ: Ít nhất đoàn viên công đoàn tham gia; Cán bộ công đoàn cơ sở tham gia.",
    )
    value = models.PositiveIntegerField("con số", help_text="Ví dụ: 20 (với đơn vị %), hoặc 5000 (với số lượng).")
    unit = models.CharField("đơn vị", max_length=10, choices=Unit.choices, default=Unit.PERCENT)
    base = models.CharField(
        "tính trên",
        max_length=255,
        blank=True,
        help_text="Với chỉ tiêu phần trăm: phần trăm của cái gì, ví dụ: tổng số đoàn viên trong tỉnh.",
    )
    base_count = models.PositiveIntegerField(
        "số lượng cơ sở",
        null=True,
        blank=True,
        help_text="Nếu biết, ví dụ 32000 đoàn viên; dùng để tính mức hoàn thành chỉ tiêu phần trăm.",
    )
    measure = models.CharField(
        "đo bằng số liệu",
        max_length=20,
        choices=Measure.choices,
        default=Measure.NONE,
        blank=True,
        help_text="Số liệu dùng để tính tiến độ. Chọn “không theo dõi” nếu số liệu không cho biết chỉ tiêu này.",
    )

    objects = scoped_manager(path="campaign__federation")

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "chỉ tiêu"
        constraints = [
            models.CheckConstraint(
                condition=Q(unit="count") | Q(value__lte=100),
                name="target_percent_at_most_100",
                violation_error_message="Chỉ tiêu phần trăm không được vượt quá 100%.",
            ),
        ]

    def __str__(self):
        return f"{self.label}: {self.value_text}"

    def clean(self):
        if self.unit == self.Unit.PERCENT and self.value is not None and self.value > 100:
            raise ValidationError({"value": "Chỉ tiêu phần trăm không được vượt quá 100%."})
        if self.unit == self.Unit.PERCENT and self.measure and not self.base_count:
            raise ValidationError(
                {
                    "base_count": "Để tính tiến độ của chỉ tiêu phần trăm, "
                    "hãy nhập số lượng cơ sở (ví dụ tổng số đoàn viên)."
                }
            )

    @property
    def value_text(self) -> str:
        if self.unit == self.Unit.PERCENT:
            text = f"{grouped(self.value)}%"
            return f"{text} {self.base}" if self.base else text
        return f"{grouped(self.value)} {self.base}".strip()

    @property
    def goal(self) -> int | None:
        """The number the chosen figure must reach, or None when it cannot be known."""
        if self.unit == self.Unit.COUNT:
            return self.value
        if self.base_count:
            return math.ceil(self.value * self.base_count / 100)
        return None

    def progress(self, report: "ProgressReport | None") -> dict | None:
        """{"reached", "goal", "percent"} from a report, or None when the figure doesn't say."""
        if not self.measure or report is None or not self.goal:
            return None
        reached = getattr(report, self.measure)
        if reached is None:
            return None
        percent = reached * 100 / self.goal
        return {
            "reached": reached,
            "goal": self.goal,
            "percent": min(100, math.floor(percent)),
            "percent_text": f"{math.floor(percent):,}".replace(",", "."),
            "done": reached >= self.goal,
        }


class ProgressReport(VersionedModel):
    campaign = models.ForeignKey(Campaign, verbose_name="phong trào", on_delete=models.CASCADE, related_name="reports")
    as_of = models.DateField("tính đến ngày", help_text="Ngày chốt số liệu; không được sau hôm nay.")
    registrations = models.PositiveIntegerField(
        "số đăng ký", null=True, blank=True, help_text="Số nguyên không âm, gõ liền không dấu chấm, ví dụ 4155."
    )
    attempts = models.PositiveIntegerField(
        "số lượt", null=True, blank=True, help_text="Lượt dự thi, bài dự thi… Số nguyên không âm, ví dụ 6459."
    )
    note = models.CharField("ghi chú", max_length=255, blank=True, help_text="Nếu cần, ví dụ: số liệu sơ bộ.")
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    objects = scoped_manager(path="campaign__federation")

    class Meta:
        ordering = ["as_of", "pk"]
        get_latest_by = "as_of"
        verbose_name = "số liệu"
        verbose_name_plural = "số liệu"
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "as_of"],
                name="one_report_per_campaign_day",
                violation_error_message="Đã có số liệu của phong trào này cho ngày này.",
            ),
            models.CheckConstraint(
                condition=Q(registrations__gte=0) | Q(registrations__isnull=True),
                name="report_registrations_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(attempts__gte=0) | Q(attempts__isnull=True), name="report_attempts_not_negative"
            ),
        ]

    def __str__(self):
        return self.sentence()

    def clean(self):
        errors = {}
        if self.as_of and self.as_of > site_today():
            errors["as_of"] = "Không nhập được số liệu cho ngày trong tương lai (sau hôm nay)."
        if self.registrations is None and self.attempts is None:
            errors["registrations"] = "Hãy nhập ít nhất một con số (số đăng ký hoặc số lượt)."
        if errors:
            raise ValidationError(errors)

    def _labels(self) -> tuple[str, str]:
        campaign = _parent_or_none(self)
        if campaign is None:
            return "người đăng ký", "lượt dự thi"
        return campaign.registrations_label, campaign.attempts_label

    def figures(self) -> list[str]:
        registrations_label, attempts_label = self._labels()
        parts = []
        if self.registrations is not None:
            parts.append(f"{grouped(self.registrations)} {registrations_label}")
        if self.attempts is not None:
            parts.append(f"{grouped(self.attempts)} {attempts_label}")
        return parts

    def sentence(self) -> str:
        """ "Tính đến ngày 23/11/2023: 4.155 người đăng ký, 6.459 lượt dự thi" """
        return f"Tính đến ngày {self.as_of:%d/%m/%Y}: {', '.join(self.figures())}"


class UnitFigure(models.Model):
    """One union unit's figures in a report (breakdown by đơn vị)."""

    report = models.ForeignKey(
        ProgressReport, verbose_name="số liệu", on_delete=models.CASCADE, related_name="unit_figures"
    )
    unit = models.CharField("đơn vị", max_length=200, help_text="Ví dụ: Công đoàn ngành Giáo dục.")
    registrations = models.PositiveIntegerField("số đăng ký", null=True, blank=True)
    attempts = models.PositiveIntegerField("số lượt", null=True, blank=True)

    objects = scoped_manager(path="report__campaign__federation")

    class Meta:
        ordering = ["unit", "pk"]
        verbose_name = "số liệu theo đơn vị"
        verbose_name_plural = "số liệu theo đơn vị"
        constraints = [
            models.UniqueConstraint(
                fields=["report", "unit"],
                name="one_row_per_unit_per_report",
                violation_error_message="Đơn vị này đã có trong số liệu.",
            ),
            models.CheckConstraint(
                condition=Q(registrations__gte=0) | Q(registrations__isnull=True),
                name="unit_registrations_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(attempts__gte=0) | Q(attempts__isnull=True), name="unit_attempts_not_negative"
            ),
        ]

    def __str__(self):
        return self.unit

    def clean(self):
        if self.registrations is None and self.attempts is None:
            raise ValidationError({"registrations": "Hãy nhập ít nhất một con số cho đơn vị này."})
