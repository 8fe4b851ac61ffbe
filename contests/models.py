"""Online contests (cuộc thi trực tuyến) run on the site, as part of a campaign of kind "Cuộc thi".

A contest has rounds (đợt thi) with a question bank; contestants register with their phone
number and union unit and take timed attempts. Time limits, attempt limits and the
one-answer-per-question rule are enforced on the server and, where the database can hold
them, by constraints. Work spanning several models (starting, answering, submitting)
lives in contests/services.py.
"""

import datetime
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from congdoan.caching import site_today
from congdoan.fields import VietnameseSlugField
from congdoan.tenancy import FederationOwned, scoped_manager, unique_slug_constraint
from congdoan.versioning import VersionedModel

from .numbers import fold_digits

MIN_OPTIONS = 2
MAX_OPTIONS = 6

PHONE_PATTERN = re.compile(r"0[35789][0-9]{8}")


def normalize_phone(value: str) -> str:
    """A Vietnamese mobile number as 0xxxxxxxxx: "+84 912.345.678", "84912345678" → "0912345678".

    Digits of any script are folded to ASCII first (contests.numbers), so one phone is one
    contestant however it was typed. Raises ValidationError (in Vietnamese) when the result is
    not a ten-digit mobile number.
    """
    digits = re.sub(r"[\s.\-()]", "", fold_digits(str(value or "")))
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if not PHONE_PATTERN.fullmatch(digits):
        raise ValidationError(
            "Số điện thoại không hợp lệ: cần 10 chữ số bắt đầu bằng 03, 05, 07, 08 hoặc 09 "
            "(có thể viết +84 thay cho số 0 đầu).",
            code="phone",
        )
    return digits


def answer_grace() -> datetime.timedelta:
    """How long after an attempt's deadline a save still counts (network latency, slow phones)."""
    return datetime.timedelta(seconds=settings.CONTEST_ANSWER_GRACE_SECONDS)


class ContestQuerySet(models.QuerySet):
    def published(self):
        """Contests the public may see: the single definition, used by the pages and the sitemap.

        A contest is shown exactly when its campaign is (CampaignQuerySet.published)."""
        return self.filter(campaign__is_published=True)

    def network_wide(self):
        """The national union's contests open to every federation's contestants."""
        return self.filter(network_wide=True)


class Contest(FederationOwned, VersionedModel):
    campaign = models.OneToOneField(
        "campaigns.Campaign",
        verbose_name="phong trào / cuộc thi",
        on_delete=models.CASCADE,
        related_name="contest",
        help_text="Trang phong trào (loại “Cuộc thi”) mà cuộc thi này thuộc về: tên, thời gian, ảnh bìa lấy từ đó.",
    )
    slug = VietnameseSlugField(
        "đường dẫn",
        max_length=200,
        populate_from="slug_source",
        fallback="cuoc-thi",
        blank=True,
        help_text="Phần cuối địa chỉ trang dự thi (/cuoc-thi/…/). Để trống để dùng đường dẫn của phong trào.",
    )
    rules = models.TextField(
        "thể lệ",
        blank=True,
        help_text="Thể lệ tóm tắt hiện trên trang dự thi: ai được dự thi, cách tính điểm, cơ cấu giải. "
        "Mỗi đoạn cách nhau một dòng trống.",
    )
    is_open_for_registration = models.BooleanField(
        "cho phép đăng ký",
        default=True,
        help_text="Bỏ chọn để tạm dừng nhận đăng ký thí sinh mới (thí sinh đã đăng ký vẫn thi được).",
    )
    network_wide = models.BooleanField(
        "cuộc thi toàn quốc",
        default=False,
        help_text="Chỉ Tổng Liên đoàn. Thí sinh của mọi liên đoàn tỉnh, thành phố và công đoàn ngành cùng dự thi: "
        "khi đăng ký, chọn liên đoàn rồi chọn đơn vị của liên đoàn đó (mỗi liên đoàn quản lý danh sách đơn vị "
        "của mình). Trang dự thi chỉ có một địa chỉ, trên trang của Tổng Liên đoàn; trang các liên đoàn dẫn về đó.",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    objects = scoped_manager(ContestQuerySet)

    class Meta:
        verbose_name = "cuộc thi trực tuyến"
        verbose_name_plural = "cuộc thi trực tuyến"
        constraints = [unique_slug_constraint("contests_contest")]
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.campaign.title if self.campaign_id else "Cuộc thi"

    @property
    def slug_source(self) -> str:
        """An empty slug is made from the campaign's address (the contest page mirrors it)."""
        return self.campaign.slug or self.campaign.title

    def get_absolute_url(self):
        return reverse("contests:detail", args=[self.slug])

    @property
    def is_published(self) -> bool:
        """Mirrors ContestQuerySet.published() for one contest."""
        return self.campaign.is_published

    def clean(self):
        campaign = getattr(self, "campaign", None) if self.campaign_id else None
        if campaign is not None and campaign.kind.slug != "cuoc-thi":
            raise ValidationError({"campaign": "Chỉ gắn cuộc thi vào phong trào thuộc loại “Cuộc thi”."})
        if self.network_wide and not _is_national(self.federation_id):
            raise ValidationError({"network_wide": "Chỉ cuộc thi của Tổng Liên đoàn mới có thể là cuộc thi toàn quốc."})

    def unit_refusal(self, unit: "Unit") -> str | None:
        """Why `unit` cannot be a contestant's unit in this contest (in Vietnamese), or None
        (whether it is still offered, `is_active`, is the registration's own check).

        The one rule for the form, the registration service and the admin: a contest's own
        federation's units; in a network-wide contest, the units of any active provincial or
        sector federation (each federation's own list, see contests.network).
        """
        if self.network_wide:
            from .network import is_eligible

            if not is_eligible(unit.federation_id):
                return "Đơn vị này không thuộc liên đoàn nào đang dự thi: hãy chọn lại liên đoàn và đơn vị."
        elif unit.federation_id != self.federation_id:
            return "Hãy chọn một đơn vị trong danh sách."
        return None


def _is_national(federation_id) -> bool:
    from congdoan.tenancy import directory

    federation = directory().federations.get(federation_id) if federation_id else None
    return federation is not None and federation.is_national


class RoundQuerySet(models.QuerySet):
    def open(self, now: datetime.datetime | None = None):
        """Rounds taking attempts at `now`: started, not yet ended."""
        now = now or timezone.now()
        return self.filter(starts_at__lte=now, ends_at__gt=now)

    def upcoming(self, now: datetime.datetime | None = None):
        now = now or timezone.now()
        return self.filter(starts_at__gt=now)

    def closed(self, now: datetime.datetime | None = None):
        """Ended rounds: results, correct answers and explanations may be shown."""
        now = now or timezone.now()
        return self.filter(ends_at__lte=now)


class Round(VersionedModel):
    contest = models.ForeignKey(Contest, verbose_name="cuộc thi", on_delete=models.CASCADE, related_name="rounds")
    order = models.PositiveSmallIntegerField("thứ tự", default=1, help_text="Đợt 1, 2, 3… theo thứ tự này.")
    name = models.CharField("tên đợt", max_length=200, help_text="Ví dụ: Đợt 1 (tuần 1).")
    starts_at = models.DateTimeField("bắt đầu", help_text="Ngày giờ mở đợt thi (dd/mm/yyyy, giờ Việt Nam).")
    ends_at = models.DateTimeField(
        "kết thúc",
        help_text="Ngày giờ đóng đợt thi. Không lượt thi nào kéo dài quá lúc này; "
        "sau lúc này trang cuộc thi hiện đáp án, kết quả và giải thưởng.",
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        "thời gian làm bài (phút)", default=20, help_text="Thời gian tối đa của một lượt thi."
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        "số lượt thi cho mỗi người", default=2, help_text="Mỗi thí sinh được thi tối đa bấy nhiêu lượt trong đợt này."
    )
    questions_per_attempt = models.PositiveSmallIntegerField(
        "số câu trắc nghiệm mỗi lượt",
        default=20,
        help_text="Mỗi lượt rút ngẫu nhiên bấy nhiêu câu từ ngân hàng câu hỏi của đợt.",
    )
    tiebreak_question = models.CharField(
        "câu hỏi dự đoán",
        max_length=500,
        blank=True,
        help_text="Tùy chọn. Câu hỏi phụ để xếp hạng khi bằng điểm, trả lời bằng một con số. "
        "Ví dụ: Đợt thi này có bao nhiêu lượt người dự thi?",
    )
    tiebreak_answer = models.PositiveBigIntegerField(
        "đáp án câu dự đoán",
        null=True,
        blank=True,
        help_text="Con số đúng, nhập sau khi đợt thi kết thúc (ví dụ số lượt dự thi thực tế). "
        "Chỉ công bố khi đợt thi đã đóng.",
    )
    essay_question = models.TextField(
        "câu hỏi tự luận",
        blank=True,
        help_text="Tùy chọn. Một câu hỏi viết ngắn; bài viết được chấm trong trang quản trị.",
    )
    essay_max_words = models.PositiveIntegerField(
        "giới hạn số chữ bài tự luận", default=1000, help_text="Bài viết dài hơn sẽ bị từ chối khi lưu."
    )

    objects = scoped_manager(RoundQuerySet, path="contest__federation")

    class Meta:
        verbose_name = "đợt thi"
        verbose_name_plural = "đợt thi"
        ordering = ["contest", "order", "starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="round_ends_after_start"),
            models.CheckConstraint(condition=Q(attempts_allowed__gte=1), name="round_allows_an_attempt"),
            models.CheckConstraint(condition=Q(time_limit_minutes__gte=1), name="round_has_time_limit"),
            models.CheckConstraint(condition=Q(questions_per_attempt__gte=1), name="round_draws_a_question"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "Thời điểm kết thúc phải sau thời điểm bắt đầu."})

    def is_open(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.starts_at <= now < self.ends_at

    def is_closed(self, now: datetime.datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.ends_at

    def answers_public(self, now: datetime.datetime | None = None) -> bool:
        """Correct answers and explanations may be shown: the round has ended and no attempt can
        still save an answer (the last deadline is the round's end, plus the grace)."""
        return (now or timezone.now()) > self.ends_at + answer_grace()

    def is_upcoming(self, now: datetime.datetime | None = None) -> bool:
        return (now or timezone.now()) < self.starts_at

    @property
    def time_limit(self) -> datetime.timedelta:
        return datetime.timedelta(minutes=self.time_limit_minutes)


class Question(models.Model):
    round = models.ForeignKey(Round, verbose_name="đợt thi", on_delete=models.CASCADE, related_name="questions")
    text = models.TextField("câu hỏi", help_text="Nội dung câu hỏi trắc nghiệm.")
    explanation = models.TextField(
        "giải thích",
        blank=True,
        help_text="Tùy chọn. Căn cứ, trích dẫn điều luật…; chỉ hiện sau khi đợt thi kết thúc.",
    )
    order = models.PositiveIntegerField("thứ tự", default=0, help_text="Chỉ để sắp xếp trong trang quản trị.")

    objects = scoped_manager(path="round__contest__federation")

    class Meta:
        verbose_name = "câu hỏi"
        verbose_name_plural = "ngân hàng câu hỏi"
        ordering = ["round", "order", "pk"]

    def __str__(self):
        return self.text if len(self.text) <= 80 else self.text[:79] + "…"

    def clean(self):
        """Checks the saved options (the admin checks the submitted ones in its formset)."""
        if self.pk:
            validate_options([(option.text, option.is_correct) for option in self.options.all()])


def validate_options(options: list[tuple[str, bool]]) -> None:
    """2–6 options with text, exactly one of them correct; raises ValidationError in Vietnamese."""
    options = [(text, correct) for text, correct in options if (text or "").strip()]
    if not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
        raise ValidationError(
            f"Mỗi câu hỏi phải có từ {MIN_OPTIONS} đến {MAX_OPTIONS} phương án (đang có {len(options)}).",
            code="option_count",
        )
    correct = sum(1 for _, is_correct in options if is_correct)
    if correct != 1:
        raise ValidationError(f"Phải có đúng một đáp án đúng (đang có {correct}).", code="correct_count")
    texts = [text.strip().casefold() for text, _ in options]
    if len(set(texts)) != len(texts):
        raise ValidationError("Các phương án không được trùng nhau.", code="duplicate_option")


class Option(models.Model):
    question = models.ForeignKey(Question, verbose_name="câu hỏi", on_delete=models.CASCADE, related_name="options")
    text = models.CharField("phương án", max_length=1000)
    is_correct = models.BooleanField("đáp án đúng", default=False)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    objects = scoped_manager(path="question__round__contest__federation")

    class Meta:
        verbose_name = "phương án"
        verbose_name_plural = "phương án trả lời"
        ordering = ["question", "order", "pk"]
        constraints = [
            # "Exactly one" needs the whole set (model clean and the admin formset check it);
            # "at most one" the database can hold on its own.
            models.UniqueConstraint(
                fields=["question"], condition=Q(is_correct=True), name="option_one_correct_per_question"
            ),
        ]

    def __str__(self):
        return self.text


class UnitGroup(FederationOwned):
    name = models.CharField(
        "tên khối / địa bàn",
        max_length=200,
        help_text="Ví dụ: LĐLĐ huyện Ba Bể, Công đoàn ngành Giáo dục, Khối doanh nghiệp.",
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "khối đơn vị"
        verbose_name_plural = "khối đơn vị (huyện, ngành)"
        ordering = ["order", "name"]
        constraints = [unique_slug_constraint("contests_unitgroup", field="name")]

    def __str__(self):
        return self.name


class Unit(FederationOwned):
    name = models.CharField("tên đơn vị", max_length=255, help_text="Ví dụ: Công đoàn Trường THPT Ba Bể.")
    group = models.ForeignKey(
        UnitGroup,
        verbose_name="thuộc khối",
        on_delete=models.PROTECT,
        related_name="units",
        null=True,
        blank=True,
        help_text="Huyện hoặc ngành mà công đoàn cơ sở trực thuộc (tùy chọn).",
    )
    order = models.PositiveIntegerField("thứ tự", default=0)
    is_active = models.BooleanField("còn hiện khi đăng ký", default=True)

    class Meta:
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị (công đoàn cơ sở)"
        ordering = ["group__order", "group__name", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "name"], name="unit_unique_name_in_group"),
            models.UniqueConstraint(
                fields=["federation", "name"], condition=Q(group__isnull=True), name="unit_unique_name_no_group"
            ),
        ]

    def __str__(self):
        return self.name


def contestant_username(contest_id: int, phone: str) -> str:
    return f"thisinh-{contest_id}-{phone}"


class Contestant(models.Model):
    """A contestant registered for one contest (consent is to that contest's rules).

    Logs in with a Django user of their own (never staff), whose username is
    `contestant_username(contest, phone)`; the phone number is unique within the contest.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="tài khoản", on_delete=models.CASCADE, related_name="contestant"
    )
    contest = models.ForeignKey(Contest, verbose_name="cuộc thi", on_delete=models.CASCADE, related_name="contestants")
    full_name = models.CharField("họ và tên", max_length=150)
    phone = models.CharField(
        "số điện thoại", max_length=10, help_text="Dạng 0xxxxxxxxx; mỗi số chỉ đăng ký một lần trong một cuộc thi."
    )
    email = models.EmailField("thư điện tử", blank=True)
    date_of_birth = models.DateField("ngày sinh")
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="contestants")
    consented_at = models.DateTimeField("đồng ý thể lệ lúc")
    created_at = models.DateTimeField("đăng ký lúc", auto_now_add=True)

    objects = scoped_manager(path="contest__federation")

    class Meta:
        verbose_name = "thí sinh"
        verbose_name_plural = "thí sinh"
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["contest", "phone"], name="contestant_phone_once_per_contest")]

    def __str__(self):
        return f"{self.full_name} ({self.phone})"

    def clean(self):
        if self.phone:
            try:
                self.phone = normalize_phone(self.phone)
            except ValidationError as error:
                raise ValidationError({"phone": error.messages}) from None
            # The admin form leaves `contest` out (read-only), so Django skips the unique
            # (contest, phone) constraint in validation and the database would answer instead.
            taken = Contestant.objects.filter(contest_id=self.contest_id, phone=self.phone).exclude(pk=self.pk)
            if self.contest_id and taken.exists():
                raise ValidationError({"phone": "Số điện thoại này đã được một thí sinh khác của cuộc thi đăng ký."})
        if self.date_of_birth and self.date_of_birth > site_today():
            raise ValidationError({"date_of_birth": "Ngày sinh không được ở tương lai."})
        if self.contest_id and self.unit_id and (refusal := self.contest.unit_refusal(self.unit)):
            raise ValidationError({"unit": refusal})


class AttemptQuerySet(models.QuerySet):
    def active(self, now: datetime.datetime | None = None):
        """Not submitted and before the deadline: the contestant may still answer."""
        now = now or timezone.now()
        return self.filter(submitted_at__isnull=True, deadline__gt=now)

    def expired(self, now: datetime.datetime | None = None):
        """Left open past the deadline plus the grace: to be closed and scored at the deadline."""
        now = now or timezone.now()
        return self.filter(submitted_at__isnull=True, deadline__lt=now - answer_grace())

    def finished(self):
        return self.filter(submitted_at__isnull=False)

    def ranked(self):
        """Finished attempts best first: score, then shorter time (tie-break distance in results.py)."""
        return self.finished().order_by(F("score").desc(nulls_last=True), F("duration").asc(nulls_last=True), "pk")


class Attempt(models.Model):
    contestant = models.ForeignKey(
        Contestant, verbose_name="thí sinh", on_delete=models.CASCADE, related_name="attempts"
    )
    round = models.ForeignKey(Round, verbose_name="đợt thi", on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveSmallIntegerField("lượt thứ")
    # The round's limit when the attempt began: lets the database itself refuse an
    # attempt beyond it, even when two tabs start at the same moment.
    attempts_allowed = models.PositiveSmallIntegerField("số lượt được phép", editable=False)
    started_at = models.DateTimeField("bắt đầu lúc")
    deadline = models.DateTimeField("hạn nộp")
    submitted_at = models.DateTimeField("nộp lúc", null=True, blank=True)
    auto_closed = models.BooleanField("tự đóng khi hết giờ", default=False)
    score = models.PositiveSmallIntegerField("số câu đúng", null=True, blank=True)
    duration = models.DurationField("thời gian làm bài", null=True, blank=True)
    tiebreak_answer = models.PositiveBigIntegerField("trả lời câu dự đoán", null=True, blank=True)
    essay_answer = models.TextField("bài tự luận", blank=True)
    essay_mark = models.DecimalField(
        "điểm tự luận", max_digits=5, decimal_places=2, null=True, blank=True, help_text="Do ban tổ chức chấm."
    )

    objects = scoped_manager(AttemptQuerySet, path="round__contest__federation")

    class Meta:
        verbose_name = "lượt thi"
        verbose_name_plural = "lượt thi"
        ordering = ["-started_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["contestant", "round", "number"], name="attempt_unique_number"),
            models.CheckConstraint(
                condition=Q(number__gte=1) & Q(number__lte=F("attempts_allowed")), name="attempt_number_within_limit"
            ),
            models.CheckConstraint(condition=Q(deadline__gt=F("started_at")), name="attempt_deadline_after_start"),
        ]
        indexes = [models.Index(fields=["round", "submitted_at"], name="attempt_round_submitted")]

    def __str__(self):
        return f"Lượt {self.number} – {self.round}"

    def get_absolute_url(self):
        return reverse("contests:attempt", args=[self.round.contest.slug, self.pk])

    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    def is_active(self, now: datetime.datetime | None = None) -> bool:
        """AttemptQuerySet.active for one loaded attempt."""
        return self.submitted_at is None and self.deadline > (now or timezone.now())

    def is_expired(self, now: datetime.datetime | None = None) -> bool:
        """AttemptQuerySet.expired for one loaded attempt."""
        return self.submitted_at is None and self.deadline < (now or timezone.now()) - answer_grace()

    def accepts_answers(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.submitted_at is None and now <= self.deadline + answer_grace()

    @property
    def duration_text(self) -> str:
        """12 phút 05 giây."""
        if self.duration is None:
            return ""
        seconds = int(self.duration.total_seconds())
        return f"{seconds // 60} phút {seconds % 60:02d} giây"

    def seconds_left(self, now: datetime.datetime | None = None) -> int:
        now = now or timezone.now()
        return max(0, int((self.deadline - now).total_seconds()))


class AttemptQuestion(models.Model):
    """A question drawn for an attempt, with the order its options are shown in."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="drawn")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField("câu số")
    option_order = models.JSONField("thứ tự phương án", default=list)

    objects = scoped_manager(path="attempt__round__contest__federation")

    class Meta:
        verbose_name = "câu hỏi của lượt thi"
        verbose_name_plural = "câu hỏi của lượt thi"
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="drawn_question_once"),
            models.UniqueConstraint(fields=["attempt", "position"], name="drawn_position_once"),
        ]

    def __str__(self):
        return f"Câu {self.position}"


class Answer(models.Model):
    attempt = models.ForeignKey(Attempt, verbose_name="lượt thi", on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, verbose_name="câu hỏi", on_delete=models.PROTECT, related_name="+")
    option = models.ForeignKey(Option, verbose_name="phương án chọn", on_delete=models.PROTECT, related_name="+")
    saved_at = models.DateTimeField("lưu lúc")

    objects = scoped_manager(path="attempt__round__contest__federation")

    class Meta:
        verbose_name = "câu trả lời"
        verbose_name_plural = "câu trả lời"
        constraints = [models.UniqueConstraint(fields=["attempt", "question"], name="answer_once_per_question")]

    def __str__(self):
        return f"Trả lời câu hỏi {self.question_id}"

    def clean(self):
        if self.option_id and self.question_id and self.option.question_id != self.question_id:
            raise ValidationError({"option": "Phương án này không thuộc câu hỏi đã chọn."})
