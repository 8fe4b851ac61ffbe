"""Legal Q&A: members' questions (private) and their anonymised public versions.

Privacy by construction: a `Question` holds the asker's contact details, the private answer
and the advisers' internal note, and no public page, feed, sitemap or search ever reads it.
The archive reads `Publication` only: a separately edited, anonymised copy (title, question,
answer, "Chị N.T.H. (Thái Nguyên)") with no contact column at all, made only for questions
whose asker allowed publication.
"""

import re
import statistics
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from congdoan.fields import RichTextField, VietnameseSlugField
from congdoan.tenancy import FederationOwned, scoped_manager
from congdoan.versioning import VersionedModel
from news.search import search_document

# A question is plain text: about two printed pages, far more than any member writes
# (the demo's longest is 600 characters); an essay belongs in a call to the hotline.
QUESTION_MIN_CHARS = 20
QUESTION_MAX_CHARS = 4000
CODE_PREFIX = "HD"
CODE_PATTERN = re.compile(r"HD-(\d{4})-(\d{6})")
RESERVED_SLUGS = {"gui-cau-hoi", "tra-cuu", "rss"}


class Topic(FederationOwned, VersionedModel):
    """A subject of the archive: contracts, wages, social insurance, dismissal…"""

    name = models.CharField("tên chủ đề", max_length=120, help_text="Ví dụ: Bảo hiểm xã hội.")
    slug = VietnameseSlugField(
        "đường dẫn", max_length=140, blank=True, populate_from="name",
        help_text="Để trống để tạo tự động từ tên chủ đề.",
    )  # fmt: skip
    order = models.PositiveSmallIntegerField("thứ tự", default=0, help_text="Số nhỏ hiện trước.")
    description = models.CharField(
        "mô tả ngắn", max_length=300, blank=True, help_text="Một câu giới thiệu chủ đề, hiện trên trang hỏi đáp."
    )

    objects = scoped_manager()

    class Meta:
        verbose_name = "chủ đề hỏi đáp"
        verbose_name_plural = "chủ đề hỏi đáp"
        ordering = ["order", "name"]
        constraints = [models.UniqueConstraint(fields=["federation", "slug"], name="legal_topic_unique_slug")]

    def __str__(self):
        return self.name


class Adviser(FederationOwned, VersionedModel):
    """A legal adviser of the office: the name and title signed under public answers."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="tài khoản quản trị",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="legal_advisers",
        help_text="Tài khoản đăng nhập trang quản trị, có vai trò “Tư vấn viên” hoặc “Biên tập viên” ở liên đoàn này.",
    )
    name = models.CharField("họ và tên", max_length=120, help_text="Ví dụ: Luật sư Nguyễn Văn Hùng.")
    title = models.CharField(
        "chức danh", max_length=200, blank=True,
        help_text="Hiện dưới câu trả lời. Ví dụ: Trưởng Văn phòng tư vấn pháp luật Công đoàn tỉnh.",
    )  # fmt: skip
    is_active = models.BooleanField("đang làm tư vấn", default=True, help_text="Bỏ chọn khi người này thôi tư vấn.")

    objects = scoped_manager()

    class Meta:
        verbose_name = "tư vấn viên"
        verbose_name_plural = "tư vấn viên"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["federation", "user"], condition=Q(user__isnull=False), name="legal_adviser_one_per_user"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def signature(self) -> str:
        return f"{self.name}, {self.title}" if self.title else self.name


class Status(models.TextChoices):
    NEW = "new", "Mới gửi"
    ASSIGNED = "assigned", "Đã giao"
    ANSWERED = "answered", "Đã trả lời"
    PUBLISHED = "published", "Đã công bố"
    REFUSED = "refused", "Từ chối"


OPEN_STATUSES = (Status.NEW, Status.ASSIGNED)


class Salutation(models.TextChoices):
    ANH = "anh", "Anh"
    CHI = "chi", "Chị"
    ONG = "ong", "Ông"
    BA = "ba", "Bà"
    BAN = "ban", "Bạn"


class QuestionQuerySet(models.QuerySet):
    def open(self):
        """Waiting for an answer: new or assigned."""
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, *, now, days: int):
        """Open questions submitted more than `days` days before `now`."""
        return self.open().filter(submitted_at__lt=now - timedelta(days=days))

    def contact_expired(self, *, now, months: int):
        """Closed questions whose contact details are past the retention period (30-day months)."""
        cutoff = now - timedelta(days=30 * months)
        return self.filter(contact_erased_at__isnull=True).filter(
            Q(answered_at__lt=cutoff) | Q(answered_at__isnull=True, refused_at__lt=cutoff)
        )

    def median_hours_to_answer(self) -> float | None:
        """Median time from submission to the first answer, in hours (None without answers)."""
        delays = [
            (answered - submitted).total_seconds() / 3600
            for submitted, answered in self.filter(answered_at__isnull=False).values_list("submitted_at", "answered_at")
        ]
        return statistics.median(delays) if delays else None


def question_length_validators():
    return [MinLengthValidator(QUESTION_MIN_CHARS), MaxLengthValidator(QUESTION_MAX_CHARS)]


class Question(FederationOwned, VersionedModel):
    """One member's question: private to the federation's advisers and editors."""

    code = models.CharField(
        "mã tra cứu", max_length=20, editable=False, help_text="Người hỏi dùng mã này để tra cứu câu trả lời."
    )
    status = models.CharField("tình trạng", max_length=20, choices=Status.choices, default=Status.NEW)
    topic = models.ForeignKey(
        Topic, verbose_name="chủ đề", on_delete=models.PROTECT, related_name="questions",
        help_text="Chủ đề người hỏi chọn; tư vấn viên có thể sửa lại cho đúng.",
    )  # fmt: skip
    # The asker's details: never on a public page, in a feed, a sitemap, an export or a mail to others.
    salutation = models.CharField("xưng hô", max_length=10, choices=Salutation.choices, default=Salutation.BAN)
    asker_name = models.CharField("họ và tên người hỏi", max_length=120, blank=True)
    phone = models.CharField("số điện thoại", max_length=10, blank=True, help_text="Dạng 0xxxxxxxxx.")
    email = models.EmailField("thư điện tử", max_length=254, blank=True)
    workplace = models.CharField("nơi làm việc", max_length=200, blank=True)
    place = models.CharField(
        "tỉnh, thành phố", max_length=80, blank=True, help_text="Nơi người hỏi sống hoặc làm việc, ví dụ Thái Nguyên."
    )
    question = models.TextField("câu hỏi", validators=question_length_validators())
    allow_publication = models.BooleanField(
        "đồng ý công bố ẩn danh", default=False,
        help_text="Người hỏi đồng ý cho công bố câu hỏi và trả lời sau khi đã bỏ thông tin cá nhân.",
    )  # fmt: skip
    consented_at = models.DateTimeField(
        "đồng ý xử lý dữ liệu cá nhân lúc", help_text="Theo Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân."
    )
    submitted_at = models.DateTimeField("gửi lúc", default=timezone.now, editable=False)

    adviser = models.ForeignKey(
        Adviser, verbose_name="tư vấn viên phụ trách", null=True, blank=True, on_delete=models.PROTECT,
        related_name="questions",
    )  # fmt: skip
    assigned_at = models.DateTimeField("giao lúc", null=True, blank=True, editable=False)
    answer = RichTextField(
        "trả lời riêng cho người hỏi", blank=True, config_name="default",
        help_text="Người hỏi đọc câu trả lời này khi tra cứu bằng mã và số điện thoại hoặc thư điện tử. "
        "Nên dẫn điều, khoản của văn bản pháp luật.",
    )  # fmt: skip
    answered_at = models.DateTimeField("trả lời lần đầu lúc", null=True, blank=True, editable=False)
    answered_by = models.ForeignKey(
        Adviser, verbose_name="người trả lời", null=True, blank=True, on_delete=models.PROTECT,
        related_name="answered_questions", editable=False,
    )  # fmt: skip
    refusal_reason = models.TextField(
        "lý do từ chối", blank=True, max_length=2000,
        help_text="Người hỏi đọc lý do này khi tra cứu (ví dụ: câu hỏi không thuộc lĩnh vực lao động).",
    )  # fmt: skip
    refused_at = models.DateTimeField("từ chối lúc", null=True, blank=True, editable=False)
    internal_note = models.TextField(
        "ghi chú nội bộ", blank=True, max_length=10000, help_text="Chỉ tư vấn viên và biên tập viên đọc được."
    )
    contact_erased_at = models.DateTimeField("đã xóa thông tin liên hệ lúc", null=True, blank=True, editable=False)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    objects = scoped_manager(QuestionQuerySet)

    class Meta:
        verbose_name = "câu hỏi"
        verbose_name_plural = "câu hỏi của đoàn viên"
        ordering = ["-submitted_at", "-pk"]
        permissions = [("view_asker_contact", "Xem thông tin liên hệ của người hỏi")]
        constraints = [
            models.UniqueConstraint(fields=["federation", "code"], name="legal_question_unique_code"),
            models.CheckConstraint(
                condition=~Q(status="refused") | Q(refused_at__isnull=False), name="legal_question_refused_has_time"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["answered", "published"]) | Q(answered_at__isnull=False),
                name="legal_question_answered_has_time",
            ),
        ]
        indexes = [models.Index(fields=["federation", "status", "-submitted_at"], name="legal_q_status")]

    def __str__(self):
        return self.code or "câu hỏi mới"

    def clean(self):
        super().clean()
        if not self.phone and not self.email and self.contact_erased_at is None:
            raise ValidationError("Cần ít nhất số điện thoại hoặc thư điện tử của người hỏi.", code="no_contact")

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def status_for_asker(self) -> str:
        """What the asker reads at the look-up page about where their question stands."""
        return {
            Status.NEW: "Văn phòng đã nhận câu hỏi và sẽ phân công tư vấn viên trả lời.",
            Status.ASSIGNED: "Tư vấn viên đang nghiên cứu để trả lời câu hỏi.",
            Status.ANSWERED: "Câu hỏi đã được trả lời.",
            Status.PUBLISHED: "Câu hỏi đã được trả lời và bản ẩn danh đã được công bố.",
            Status.REFUSED: "Văn phòng không trả lời câu hỏi này qua trang web.",
        }[self.status]

    @property
    def has_contact(self) -> bool:
        return bool(self.phone or self.email)

    def suggested_asker_label(self) -> str:
        """How the asker appears in public: salutation and initials, then the place.
        "Chị Nguyễn Thị Hoa", Thái Nguyên → "Chị N.T.H. (Thái Nguyên)"."""
        initials = "".join(f"{word[0].upper()}." for word in self.asker_name.split() if word[:1].isalpha())
        label = " ".join(part for part in [self.get_salutation_display(), initials] if part)
        return f"{label} ({self.place})" if self.place else label


class CodeCounter(FederationOwned):
    """The last tracking number given in a year, per federation (HD-2026-000123)."""

    year = models.PositiveSmallIntegerField("năm")
    last = models.PositiveIntegerField("số cuối", default=0)

    objects = scoped_manager()

    class Meta:
        verbose_name = "bộ đếm mã tra cứu"
        verbose_name_plural = "bộ đếm mã tra cứu"
        constraints = [models.UniqueConstraint(fields=["federation", "year"], name="legal_counter_one_per_year")]


def format_code(year: int, number: int) -> str:
    return f"{CODE_PREFIX}-{year:04d}-{number:06d}"


class PublicationQuerySet(models.QuerySet):
    def published(self):
        """The single definition of a Q&A the public may read: the archive, its search, the
        feed, the sitemap and the home box all start here. Publishing stamps the time it happens
        (no scheduling), so visibility needs no clock and declares no next change."""
        return self.filter(published_at__isnull=False)

    def for_cards(self):
        return self.select_related("topic", "adviser").order_by("-published_at", "-pk")

    def search(self, terms: list[str]):
        """Every folded word must be a whole syllable of the folded text ("bao hiem" finds
        "Bảo hiểm"). A plain LIKE on a stored folded column: the archive holds hundreds of
        Q&As per federation, not the news' million articles."""
        queryset = self
        for term in terms:
            queryset = queryset.filter(search_text__contains=f" {term} ")
        return queryset


class Publication(FederationOwned, VersionedModel):
    """The anonymised public version of an answered question, edited separately."""

    question = models.OneToOneField(
        Question, verbose_name="câu hỏi gốc", on_delete=models.CASCADE, related_name="publication"
    )
    title = models.CharField(
        "tiêu đề", max_length=200, help_text="Một câu ngắn nêu vấn đề, không có tên người hỏi hay tên doanh nghiệp."
    )
    slug = VietnameseSlugField(
        "đường dẫn", max_length=220, blank=True, populate_from="title", fallback="hoi-dap",
        help_text="Để trống để tạo tự động từ tiêu đề.",
    )  # fmt: skip
    topic = models.ForeignKey(Topic, verbose_name="chủ đề", on_delete=models.PROTECT, related_name="publications")
    asker_label = models.CharField(
        "người hỏi (ẩn danh)", max_length=120,
        help_text="Chỉ xưng hô, chữ cái đầu của tên và tỉnh. Ví dụ: Chị N.T.H. (Thái Nguyên).",
    )  # fmt: skip
    question_text = models.TextField(
        "câu hỏi (bản công bố)", validators=question_length_validators(),
        help_text="Đã bỏ tên, số điện thoại, địa chỉ, tên doanh nghiệp và mọi chi tiết nhận ra người hỏi.",
    )  # fmt: skip
    answer = RichTextField("trả lời (bản công bố)", config_name="default")
    adviser = models.ForeignKey(
        Adviser, verbose_name="tư vấn viên ký tên", on_delete=models.PROTECT, related_name="publications"
    )
    documents = models.ManyToManyField(
        "documents.Document", verbose_name="căn cứ pháp lý", blank=True, related_name="legal_publications",
        help_text="Văn bản trong mục “Văn bản” của liên đoàn mà câu trả lời dựa vào, ví dụ Bộ luật Lao động 2019: "
        "gõ số ký hiệu hoặc vài chữ trích yếu để tìm. Trang hỏi đáp chỉ hiện văn bản đã duyệt đăng.",
    )  # fmt: skip
    published_at = models.DateTimeField("công bố lúc", null=True, blank=True, editable=False)
    search_text = models.TextField(editable=False, default="")
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    objects = scoped_manager(PublicationQuerySet)

    class Meta:
        verbose_name = "bản công bố"
        verbose_name_plural = "bản công bố"
        ordering = ["-published_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["federation", "slug"], name="legal_publication_unique_slug")]
        indexes = [models.Index(fields=["federation", "-published_at"], name="legal_pub_published")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = search_document(
            " ".join([self.title, self.question_text, strip_tags(self.answer or ""), self.topic.name])
        )
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {
                    "slug": f"Đường dẫn “{self.slug}” trùng với một trang cố định của mục hỏi đáp; "
                    "hãy chọn đường dẫn khác."
                }
            )

    def get_absolute_url(self):
        return reverse("legal:detail", args=[self.slug])

    def legal_basis(self, today) -> list:
        """The published documents of the register the answer cites, newest first, each with
        its state on `today` (`state`, computed in the same query)."""
        from documents.models import LegalState

        found = list(self.documents.published().for_list().with_legal_state(today).newest_first())
        for document in found:
            document.state = LegalState(document.state_code)
        return found

    @property
    def is_published(self) -> bool:
        return self.published_at is not None
