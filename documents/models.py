"""The document register (văn bản): documents, their issuers, fields, files and relations.

A document's state for readers (tình trạng) is not typed: it follows from its dates and from
the documents that replace, repeal or amend it (`Document.legal_state`, and the same rule in
SQL for the register's filter, `DocumentQuerySet.with_state`). An editor may still set it by
hand for what the register cannot know (a provision struck down elsewhere).
"""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.urls import reverse
from django.utils import timezone

from congdoan.fields import VietnameseSlugField
from congdoan.sanitize import strip_tags_text
from congdoan.tenancy import FederationOwned, default_federation_id, scoped_manager
from congdoan.validators import YearRangeValidator
from congdoan.versioning import VersionedModel
from news.search import search_document

from .files import MAX_FILE_BYTES, CheckedFile, FileKind, TextState, check_file, extension_of
from .numbers import KIND_BY_CODE, KIND_CHOICES, MAX_NUMBER_LENGTH, check_number, number_key

SEARCH_TEXT_CHARS = 600_000  # folded text kept per document; the index reads the first 200,000
YEARS = YearRangeValidator(1945, 2100)  # the oldest law the union relays is the 1946 Constitution's time


class LegalState(models.TextChoices):
    IN_FORCE = "con-hieu-luc", "Còn hiệu lực"
    NOT_YET = "chua-co-hieu-luc", "Chưa có hiệu lực"
    PARTLY = "het-hieu-luc-mot-phan", "Hết hiệu lực một phần"
    EXPIRED = "het-hieu-luc", "Hết hiệu lực"


class Issuer(FederationOwned, models.Model):
    """Cơ quan ban hành: the national union, the federation and its bodies, state bodies."""

    class Level(models.TextChoices):
        NATIONAL = "national", "Tổng Liên đoàn Lao động Việt Nam"
        FEDERATION = "federation", "Liên đoàn Lao động (cấp tỉnh, ngành)"
        BODY = "body", "Ban Chấp hành, Ban Thường vụ, Đoàn Chủ tịch, các ban"
        STATE = "state", "Cơ quan nhà nước"
        OTHER = "other", "Khác"

    name = models.CharField(
        "tên cơ quan", max_length=200, help_text="Tên đầy đủ, ví dụ: Tổng Liên đoàn Lao động Việt Nam."
    )
    code = models.CharField(
        "chữ viết tắt trong số ký hiệu",
        max_length=30,
        blank=True,
        help_text="Phần số ký hiệu chỉ cơ quan này, ví dụ TLĐ (trong 377/KH-TLĐ), LĐLĐ, QH, CP. "
        "Dùng để tự nhận ra cơ quan khi gõ số ký hiệu.",
    )
    slug = VietnameseSlugField(
        "đường dẫn",
        max_length=120,
        populate_from="name",
        fallback="co-quan",
        blank=True,
        help_text="Dùng trong bộ lọc của trang văn bản (?co-quan=…). Để trống để tạo tự động từ tên.",
    )
    level = models.CharField("cấp", max_length=20, choices=Level.choices, default=Level.FEDERATION)
    order = models.PositiveSmallIntegerField("thứ tự", default=0, help_text="Số nhỏ đứng trước trong bộ lọc.")

    objects = scoped_manager()

    class Meta:
        verbose_name = "cơ quan ban hành"
        verbose_name_plural = "cơ quan ban hành"
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["federation", "slug"],
                name="documents_issuer_slug_per_federation",
                violation_error_message="Cơ quan khác đã có đường dẫn này.",
            )
        ]

    def __str__(self):
        return self.name


class Topic(FederationOwned, models.Model):
    """Lĩnh vực: what a document is about (tổ chức công đoàn, chính sách pháp luật, thi đua…)."""

    name = models.CharField("tên lĩnh vực", max_length=120, help_text="Ví dụ: Chính sách – Pháp luật.")
    slug = VietnameseSlugField(
        "đường dẫn",
        max_length=140,
        populate_from="name",
        fallback="linh-vuc",
        blank=True,
        help_text="Dùng trong bộ lọc của trang văn bản (?linh-vuc=…). Để trống để tạo tự động từ tên.",
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0, help_text="Số nhỏ đứng trước trong bộ lọc.")

    objects = scoped_manager()

    class Meta:
        verbose_name = "lĩnh vực"
        verbose_name_plural = "lĩnh vực"
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["federation", "slug"],
                name="documents_topic_slug_per_federation",
                violation_error_message="Lĩnh vực khác đã có đường dẫn này.",
            )
        ]

    def __str__(self):
        return self.name


class RelationKind(models.TextChoices):
    """How a document acts on another; each has a label for both sides of the relation."""

    REPLACES = "replaces", "Thay thế"
    REPEALS = "repeals", "Bãi bỏ"
    PARTLY_REPEALS = "partly-repeals", "Bãi bỏ một phần"
    AMENDS = "amends", "Sửa đổi, bổ sung"
    GUIDES = "guides", "Hướng dẫn"
    IMPLEMENTS = "implements", "Triển khai, cụ thể hóa"


# Label on the other side: shown on the target's page ("Bị thay thế bởi").
REVERSE_LABELS = {
    RelationKind.REPLACES: "Bị thay thế bởi",
    RelationKind.REPEALS: "Bị bãi bỏ bởi",
    RelationKind.PARTLY_REPEALS: "Bị bãi bỏ một phần bởi",
    RelationKind.AMENDS: "Được sửa đổi, bổ sung bởi",
    RelationKind.GUIDES: "Được hướng dẫn bởi",
    RelationKind.IMPLEMENTS: "Được triển khai bởi",
}
ENDS = (RelationKind.REPLACES, RelationKind.REPEALS)
ENDS_PARTLY = (RelationKind.PARTLY_REPEALS, RelationKind.AMENDS)


class DocumentQuerySet(models.QuerySet):
    def published(self):
        """The single definition of "on the public register"."""
        return self.filter(status=Document.Status.PUBLISHED)

    def newest_first(self):
        return self.order_by("-issued_on", "-pk")

    def for_list(self):
        """What a row of the register shows: issuer and kind; no full text, no search column."""
        return self.select_related("issuer").defer("body", "search_text")

    def with_number(self, key: str):
        return self.filter(number_key=key)

    @staticmethod
    def _acted_on(today: date, kinds) -> models.QuerySet:
        """Ids of the documents a published document in force on `today` acts on with `kinds`.

        Uncorrelated on purpose, for filters over the whole register: PostgreSQL runs either
        form once into a hash, but costs a correlated EXISTS as if it ran once a row (~17 cost
        units each), which at 50,000 documents crosses `jit_above_cost` and spent 0,5 s
        compiling the plan (docs/bench.md)."""
        return (
            DocumentRelation.objects.filter(kind__in=kinds, source__status=Document.Status.PUBLISHED)
            .filter(
                Q(source__effective_from__lte=today)
                | Q(source__effective_from__isnull=True, source__issued_on__lte=today)
            )
            .values("target_id")
        )

    def with_legal_state(self, today: date):
        """Annotate `state_code`: the rule of `Document.legal_state`, in SQL, for a page's rows
        (a correlated EXISTS: a few index probes for each of 20 rows; filters use `with_state`)."""
        acting = DocumentRelation.objects.filter(
            target=OuterRef("pk"), source__status=Document.Status.PUBLISHED
        ).filter(
            Q(source__effective_from__lte=today) | Q(source__effective_from__isnull=True, source__issued_on__lte=today)
        )
        return self.annotate(
            state_code=Case(
                When(~Q(state_override=""), then=F("state_override")),
                When(effective_until__lte=today, then=Value(LegalState.EXPIRED.value)),
                When(Exists(acting.filter(kind__in=ENDS)), then=Value(LegalState.EXPIRED.value)),
                When(effective_from__gt=today, then=Value(LegalState.NOT_YET.value)),
                When(Exists(acting.filter(kind__in=ENDS_PARTLY)), then=Value(LegalState.PARTLY.value)),
                default=Value(LegalState.IN_FORCE.value),
                output_field=models.CharField(),
            )
        )

    def acted_on_ids(self, today: date) -> dict[str, list[int]]:
        """What `with_state` asks about relations, read in one query (the register keeps it per
        generation: relations are few, and they change only when public content does)."""
        rows = list(self._acted_on(today, (*ENDS, *ENDS_PARTLY)).values_list("target_id", "kind"))
        return {
            "ends": sorted({target for target, kind in rows if kind in ENDS}),
            "partly": sorted({target for target, kind in rows if kind in ENDS_PARTLY}),
        }

    def with_state(self, state: str, today: date, acted: dict[str, list[int]] | None = None):
        """The documents in `state` on `today`: the CASE of `with_legal_state` unrolled into one
        condition per state, which PostgreSQL plans as a walk of the register's index (it
        carries the dates). `acted`: `acted_on_ids(today)` when the caller has it, else two
        hashed subplans (each reads the register's index: 15–25 ms at 50,000 documents)."""
        if acted is None:
            ends, partly = Q(pk__in=self._acted_on(today, ENDS)), Q(pk__in=self._acted_on(today, ENDS_PARTLY))
        else:
            ends, partly = Q(pk__in=acted["ends"]), Q(pk__in=acted["partly"])
        automatic = Q(state_override="")
        ended = Q(effective_until__lte=today)
        running = Q(effective_until__isnull=True) | Q(effective_until__gt=today)
        started = Q(effective_from__isnull=True) | Q(effective_from__lte=today)
        rule = {
            LegalState.EXPIRED: automatic & (ended | ends),
            LegalState.NOT_YET: automatic & running & ~ends & Q(effective_from__gt=today),
            LegalState.PARTLY: automatic & running & ~ends & started & partly,
            LegalState.IN_FORCE: automatic & running & ~ends & started & ~partly,
        }[LegalState(state)]
        return self.filter(Q(state_override=state) | rule)

    def likely_duplicates(self, *, number: str, issued_on: date | None, title: str, exclude_pk=None):
        """Documents an editor may be entering twice: the same number (any issuer) of the same
        year (any year while the date is not known), or the same date and trích yếu."""
        found = Q(number_key=number_key(number)) if number_key(number) else Q(pk__in=[])
        if issued_on:
            found &= Q(issued_year=issued_on.year)
        if issued_on and title.strip():
            found |= Q(issued_on=issued_on, search_title=search_document(title))
        queryset = self.filter(found)
        if exclude_pk is not None:
            queryset = queryset.exclude(pk=exclude_pk)
        return queryset.select_related("issuer").order_by("-issued_on", "-pk")


class Document(FederationOwned, VersionedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Bản nháp"
        REVIEW = "review", "Chờ duyệt"
        PUBLISHED = "published", "Đã duyệt đăng"

    class SigningPrefix(models.TextChoices):
        NONE = "", "(ký trực tiếp)"
        TM = "TM.", "TM. (thay mặt tập thể)"
        KT = "KT.", "KT. (ký thay người đứng đầu)"
        TL = "TL.", "TL. (thừa lệnh)"
        TUQ = "TUQ.", "TUQ. (thừa ủy quyền)"

    number = models.CharField(
        "số ký hiệu",
        max_length=MAX_NUMBER_LENGTH,
        help_text="Gõ đúng như trên văn bản, ví dụ 377/KH-TLĐ, 15/HD-LĐLĐ, 45/2019/QH14. Loại văn bản và cơ quan "
        "ban hành được gợi ý theo số ký hiệu.",
    )
    number_key = models.CharField("số ký hiệu để so khớp", max_length=MAX_NUMBER_LENGTH * 2, editable=False)
    kind = models.CharField("loại văn bản", max_length=30, choices=KIND_CHOICES)
    issuer = models.ForeignKey(
        Issuer,
        verbose_name="cơ quan ban hành",
        on_delete=models.PROTECT,
        related_name="documents",
        help_text="Chưa có trong danh sách thì bấm dấu + để thêm.",
    )
    title = models.TextField(
        "trích yếu",
        max_length=1000,
        help_text="Trích yếu nội dung như trên văn bản, ví dụ: Thực hiện Tháng Công nhân năm 2025.",
    )
    slug = VietnameseSlugField(
        "đường dẫn",
        max_length=200,
        populate_from="slug_source",
        fallback="van-ban",
        blank=True,
        help_text="Phần cuối địa chỉ trang văn bản, không dấu. Để trống để tạo từ số ký hiệu và loại văn bản.",
    )
    topics = models.ManyToManyField(
        Topic, verbose_name="lĩnh vực", blank=True, related_name="documents", help_text="Một hay vài lĩnh vực."
    )
    issued_on = models.DateField("ngày ban hành", validators=[YEARS], help_text="Ngày ghi trên văn bản (dd/mm/yyyy).")
    # Numbers start again at 01 every year (Decree 30/2020/NĐ-CP): "15/HD-LĐLĐ" of 2024 and of
    # 2025 are two documents. Kept from `issued_on` so the uniqueness rule is a plain index.
    issued_year = models.PositiveSmallIntegerField("năm ban hành", editable=False)
    effective_from = models.DateField(
        "ngày có hiệu lực",
        null=True,
        blank=True,
        validators=[YEARS],
        help_text="Để trống nếu văn bản có hiệu lực từ ngày ký.",
    )
    effective_until = models.DateField(
        "ngày hết hiệu lực",
        null=True,
        blank=True,
        validators=[YEARS],
        help_text="Ngày văn bản thôi có hiệu lực, nếu văn bản tự ghi hoặc đã biết. Văn bản bị thay thế, bãi bỏ "
        "thì không cần nhập: ghi quan hệ ở mục “Quan hệ với văn bản khác”.",
    )
    state_override = models.CharField(
        "tình trạng (đặt tay)",
        max_length=30,
        choices=LegalState.choices,
        blank=True,
        help_text="Để trống để tình trạng tự tính theo ngày hiệu lực và các văn bản thay thế, bãi bỏ, sửa đổi. "
        "Chỉ chọn khi biết chắc điều mà trang không tự biết.",
    )
    signing_prefix = models.CharField(
        "quyền hạn ký", max_length=5, choices=SigningPrefix.choices, blank=True, default=""
    )
    signing_for = models.CharField(
        "ký thay mặt / thay cho",
        max_length=120,
        blank=True,
        help_text="Tập thể hoặc người đứng đầu, viết như trên văn bản: Ban Thường vụ, Đoàn Chủ tịch, Chủ tịch.",
    )
    signer_position = models.CharField(
        "chức vụ người ký", max_length=120, blank=True, help_text="Ví dụ: Phó Chủ tịch, Chánh Văn phòng."
    )
    signer_name = models.CharField("người ký", max_length=120, blank=True, help_text="Họ tên đầy đủ.")
    body = models.TextField(
        "toàn văn",
        blank=True,
        max_length=300_000,
        help_text="Không bắt buộc: chữ thuần của văn bản (dán từ Word). Văn bản dài nên đính kèm tệp.",
    )
    related_articles = models.ManyToManyField(
        "news.Article",
        verbose_name="tin, bài liên quan",
        blank=True,
        related_name="documents",
        help_text="Bài viết về văn bản này; bài viết cũng hiện hộp “Văn bản liên quan”.",
    )
    status = models.CharField(
        "trạng thái",
        max_length=12,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text="Phóng viên gửi ở trạng thái “Chờ duyệt”; biên tập viên duyệt đăng.",
    )
    published_at = models.DateTimeField("đăng lên trang lúc", null=True, blank=True, editable=False)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("lưu lần cuối lúc", auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tạo",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người sửa cuối",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # Folded syllables (" 377 kh tld ke hoach … ") of the number, trích yếu, issuer, signer,
    # full text and the files' text: accent-insensitive search on every database (see search.py).
    search_title = models.TextField(editable=False, default="")
    search_text = models.TextField(editable=False, default="")

    objects = scoped_manager(DocumentQuerySet)

    class Meta:
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        ordering = ["-issued_on", "-pk"]
        indexes = [
            # INCLUDE (PostgreSQL): the register's count, last pages and tình trạng filter read the
            # index alone, never the wide rows (their search text: ~80 MB at 50,000 documents).
            models.Index(
                fields=["federation", "status", "-issued_on", "-id"],
                name="documents_doc_register",
                include=["state_override", "effective_from", "effective_until"],
            ),
            models.Index(fields=["federation", "number_key"], name="documents_doc_number"),
            models.Index(fields=["federation", "kind", "status", "-issued_on"], name="documents_doc_kind"),
            models.Index(fields=["issuer", "status", "-issued_on"], name="documents_doc_issuer"),
            models.Index(fields=["federation", "status", "-published_at"], name="documents_doc_feed"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "number_key", "issued_year"],
                name="documents_number_per_issuer_year",
                violation_error_message="Cơ quan này đã có văn bản mang số ký hiệu này trong cùng năm ban hành.",
            ),
            models.UniqueConstraint(
                fields=["federation", "slug"],
                name="documents_document_slug_per_federation",
                violation_error_message="Văn bản khác đã có đường dẫn này.",
            ),
            models.CheckConstraint(
                condition=Q(effective_from__isnull=True) | Q(effective_from__gte=F("issued_on")),
                name="documents_effective_after_issue",
                violation_error_message="Ngày có hiệu lực không thể trước ngày ban hành.",
            ),
            models.CheckConstraint(
                condition=Q(effective_until__isnull=True) | Q(effective_until__gt=F("issued_on")),
                name="documents_ends_after_issue",
                violation_error_message="Ngày hết hiệu lực phải sau ngày ban hành.",
            ),
            models.CheckConstraint(
                condition=Q(effective_until__isnull=True)
                | Q(effective_from__isnull=True)
                | Q(effective_until__gt=F("effective_from")),
                name="documents_ends_after_start",
                violation_error_message="Ngày hết hiệu lực phải sau ngày có hiệu lực.",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="documents_published_has_time",
                violation_error_message="Văn bản đã duyệt đăng phải có thời điểm đăng.",
            ),
        ]
        permissions = [("publish_document", "Có thể duyệt đăng văn bản")]

    def __str__(self):
        return f"{self.number} – {self.title[:80]}" if self.number else self.title[:80]

    # --- What readers see ----------------------------------------------------

    @property
    def kind_name(self) -> str:
        kind = KIND_BY_CODE.get(self.kind)
        return kind.name if kind else ""

    @property
    def slug_source(self) -> str:
        return f"{self.kind_name} {self.number.replace('/', ' ')}"

    @property
    def signature(self) -> str:
        """The signing block on one line: `KT. Chủ tịch – Phó Chủ tịch Phan Văn Anh`."""
        authority = " ".join(part for part in (self.signing_prefix, self.signing_for) if part)
        person = " ".join(part for part in (self.signer_position, self.signer_name) if part)
        return " – ".join(part for part in (authority, person) if part)

    @property
    def in_force_from(self) -> date:
        return self.effective_from or self.issued_on

    def legal_state(self, today: date, acting=None) -> LegalState:
        """Tình trạng on `today`: set by hand, else the end date, else what acts on it (published
        documents in force that replace, repeal or amend it), else the start date.
        `acting`: the relations whose target is this document (prefetched), else queried."""
        if self.state_override:
            return LegalState(self.state_override)
        if self.effective_until and self.effective_until <= today:
            return LegalState.EXPIRED
        if acting is None:
            acting = self.acted_on_by.select_related("source")
        kinds = {
            relation.kind
            for relation in acting
            if relation.source.status == self.Status.PUBLISHED and relation.source.in_force_from <= today
        }
        if kinds & set(ENDS):
            return LegalState.EXPIRED
        if self.effective_from and self.effective_from > today:
            return LegalState.NOT_YET
        if kinds & set(ENDS_PARTLY):
            return LegalState.PARTLY
        return LegalState.IN_FORCE

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def get_absolute_url(self):
        return reverse("documents:detail", args=[self.slug])

    # --- Rules -----------------------------------------------------------------

    def clean(self):
        errors = {}
        if self.number:
            try:
                self.number = check_number(self.number)
            except ValidationError as error:
                errors["number"] = error.messages
        self.number_key = number_key(self.number)
        self.issued_year = self._issued_year()
        if self.issued_on and self.effective_from and self.effective_from < self.issued_on:
            errors["effective_from"] = "Ngày có hiệu lực không thể trước ngày ban hành."
        if self.issued_on and self.effective_until and self.effective_until <= self.issued_on:
            errors["effective_until"] = "Ngày hết hiệu lực phải sau ngày ban hành."
        elif self.effective_from and self.effective_until and self.effective_until <= self.effective_from:
            errors["effective_until"] = "Ngày hết hiệu lực phải sau ngày có hiệu lực."
        if self.signing_prefix and not self.signing_for.strip():
            errors["signing_for"] = "Ký TM., KT., TL. hay TUQ. thì phải ghi ký thay mặt hay thay cho ai."
        if errors:
            raise ValidationError(errors)

    def _issued_year(self) -> int | None:
        try:
            issued = self._meta.get_field("issued_on").to_python(self.issued_on)
        except ValidationError:  # reported on the field by clean_fields
            return None
        return issued.year if issued else None

    def save(self, *args, **kwargs):
        self.number_key = number_key(self.number)
        self.issued_year = self._issued_year()
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        self.search_title, self.search_text = self.search_columns()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = set(update_fields) | {
                "number_key", "issued_year", "search_title", "search_text", "slug",
            }  # fmt: skip
        super().save(*args, **kwargs)

    def search_columns(self, file_texts: list[str] | None = None) -> tuple[str, str]:
        """The folded (trích yếu, everything) columns. The files' texts are read from the
        database unless given (a new document has none yet)."""
        if file_texts is None:
            file_texts = list(self.files.values_list("text", flat=True)) if self.pk else []
        issuer = self.issuer.name if self.issuer_id and "issuer" in self._state.fields_cache else ""
        if not issuer and self.issuer_id:
            issuer = Issuer._base_manager.filter(pk=self.issuer_id).values_list("name", flat=True).first() or ""
        text = " ".join(
            [self.number, self.kind_name, self.title, issuer, self.signer_name, strip_tags_text(self.body), *file_texts]
        )
        return search_document(self.title), search_document(text)[:SEARCH_TEXT_CHARS]

    def refresh_search_columns(self) -> None:
        """After its files changed: recompute the search text without touching version or save time."""
        title, text = self.search_columns()
        type(self)._base_manager.filter(pk=self.pk).update(search_title=title, search_text=text)
        self.search_title, self.search_text = title, text


def document_upload_to(instance, filename: str) -> str:
    """`upload/van-ban/backan/nam-2025/ke-hoach-377-kh-tld.pdf`: the federation's own folder
    (as editors' images, congdoan/uploads.py), the year the document was issued, and a readable
    ASCII name (the storage numbers a name already taken: two federations' 377/KH-TLĐ)."""
    from congdoan.tenancy import directory
    from congdoan.text import vietnamese_slugify

    document = instance.document
    if document.federation_id is None:
        document.federation_id = default_federation_id()
    federation = directory().federations.get(document.federation_id) or document.federation
    year = document.issued_on.year if document.issued_on else timezone.localdate().year
    extension = extension_of(filename) or "bin"
    stem = vietnamese_slugify(document.slug_source, max_length=80)
    stem = stem or vietnamese_slugify(filename.rsplit(".", 1)[0], max_length=80) or "van-ban"
    return f"upload/van-ban/{federation.code}/nam-{year}/{stem}.{extension}"


def validate_document_file(file) -> None:
    check_file(file)


class DocumentFileQuerySet(models.QuerySet):
    pass


class DocumentFile(models.Model):
    """A file of a document: the signed scan, the Word original, an annex."""

    document = models.ForeignKey(Document, verbose_name="văn bản", on_delete=models.CASCADE, related_name="files")
    file = models.FileField(
        "tệp",
        upload_to=document_upload_to,
        max_length=255,
        help_text=f"PDF, DOC, DOCX, XLS, XLSX, ODT hoặc ZIP của các loại này, "
        f"tối đa {MAX_FILE_BYTES // 1024 // 1024} MB. Chữ trong tệp PDF và DOCX được đưa vào tìm kiếm.",
    )
    label = models.CharField(
        "tên hiển thị",
        max_length=200,
        blank=True,
        help_text="Ví dụ: Bản scan có chữ ký, Phụ lục 1. Để trống thì hiện “Toàn văn”.",
    )
    kind = models.CharField("định dạng", max_length=10, choices=FileKind.choices, editable=False, default="")
    size = models.PositiveBigIntegerField("dung lượng (byte)", default=0, editable=False)
    text_state = models.CharField(
        "chữ trong tệp", max_length=10, choices=TextState.choices, default=TextState.NONE, editable=False
    )
    text = models.TextField("chữ lấy từ tệp", blank=True, editable=False)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    objects = scoped_manager(DocumentFileQuerySet, path="document__federation")

    class Meta:
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"
        ordering = ["order", "pk"]

    def __str__(self):
        return self.display_label

    def save(self, *args, **kwargs):
        if self.file and not self.kind:  # written in code (demo, import): check it here
            self.apply_check(check_file(self.file))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("documents:file", args=[self.document.slug, self.pk, self.filename])

    @property
    def display_label(self) -> str:
        return self.label or "Toàn văn"

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""

    @property
    def size_text(self) -> str:
        """`1,2 MB`, `350 KB`: Vietnamese decimal comma."""
        if self.size >= 1024 * 1024:
            return f"{self.size / 1024 / 1024:.1f} MB".replace(".", ",")
        return f"{max(1, round(self.size / 1024))} KB"

    @property
    def is_pdf(self) -> bool:
        return self.kind == FileKind.PDF

    def apply_check(self, checked: CheckedFile) -> None:
        self.kind, self.size, self.text, self.text_state = checked.kind, checked.size, checked.text, checked.text_state


class DocumentRelation(models.Model):
    """`source` acts on `target`: 933/QĐ-TLĐ replaces 1580/QĐ-TLĐ. Shown on both pages."""

    source = models.ForeignKey(Document, verbose_name="văn bản này", on_delete=models.CASCADE, related_name="acts_on")
    kind = models.CharField("quan hệ", max_length=20, choices=RelationKind.choices)
    target = models.ForeignKey(
        Document,
        verbose_name="văn bản được tác động",
        on_delete=models.CASCADE,
        related_name="acted_on_by",
        help_text="Gõ số ký hiệu hoặc vài chữ trích yếu để tìm.",
    )

    objects = scoped_manager(path="source__federation")

    class Meta:
        verbose_name = "quan hệ với văn bản khác"
        verbose_name_plural = "quan hệ với văn bản khác"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "target"],
                name="documents_relation_once",
                violation_error_message="Quan hệ này đã được ghi.",
            ),
            models.CheckConstraint(
                condition=~Q(source=F("target")),
                name="documents_relation_not_self",
                violation_error_message="Một văn bản không thể tác động lên chính nó.",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.target_id}"

    @property
    def reverse_label(self) -> str:
        return REVERSE_LABELS[RelationKind(self.kind)]

    def clean(self):
        if self.source_id and self.target_id and self.source_id == self.target_id:
            raise ValidationError({"target": "Một văn bản không thể tác động lên chính nó."})
