"""Who the federation is: its editable pages, its organisation, its leaders and how to reach it.

Everything here belongs to one federation (`congdoan.tenancy.FederationOwned`); the request's
federation is the only one a page or an admin screen ever sees.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from congdoan.fields import RichTextField, VietnameseSlugField
from congdoan.images import dated_upload_to, validate_image_upload
from congdoan.photos import PhotoModel
from congdoan.tenancy import FederationOwned, scoped_manager
from congdoan.versioning import VersionedModel
from news.search import stamp_search_text, words_filter

# /gioi-thieu/a/b/c/: deeper trees are hard to find in a menu and to read on a phone.
MAX_PAGE_DEPTH = 3
# An organisation chart of a provincial federation: the leadership, 5–7 departments and
# 10–20 unions under it; four levels draw it all, more would not fit a screen.
MAX_UNIT_DEPTH = 4


def _ancestors(obj, max_steps: int) -> list:
    """obj's parents, nearest first; stops at a loop or after max_steps (the caller judges)."""
    found, seen, current = [], {obj.pk}, obj.parent
    while current is not None and len(found) <= max_steps:
        if current.pk in seen:
            found.append(current)
            break
        found.append(current)
        seen.add(current.pk)
        current = current.parent
    return found


def _check_parent(obj, max_depth: int, noun: str) -> None:
    """A parent that is the item itself, one of its descendants, or too deep is a form error."""
    if obj.parent_id is None:
        return
    if obj.pk is not None and obj.parent_id == obj.pk:
        raise ValidationError({"parent": f"Một {noun} không thể trực thuộc chính nó."})
    ancestors = _ancestors(obj, max_depth)
    if obj.pk is not None and any(item.pk == obj.pk for item in ancestors):
        raise ValidationError({"parent": f"{noun.capitalize()} cấp trên đang trực thuộc {noun} này: chọn {noun} khác."})
    if len(ancestors) + 1 > max_depth:
        raise ValidationError({"parent": f"Chỉ được lồng tối đa {max_depth} cấp."})


class PageQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def in_tree_order(self):
        return self.order_by("order", "title", "pk")

    def search(self, terms: list[str]):
        """Every folded word in the page's title, summary or text (site search)."""
        return self.filter(words_filter(terms))


class Page(FederationOwned, VersionedModel):
    """A page under /gioi-thieu/: Lịch sử, Chức năng nhiệm vụ, Cơ cấu tổ chức, Ban Chấp hành…

    Pages form a small tree; a page's address is its ancestors' slugs and its own. A page
    may show data drawn from other tables below its text (`block`): the organisation chart or
    the leaders.
    """

    class Block(models.TextChoices):
        NONE = "", "Không"
        ORGANISATION = "co-cau", "Sơ đồ cơ cấu tổ chức"
        STANDING = "thuong-vu", "Ban Thường vụ"
        EXECUTIVE = "chap-hanh", "Ban Chấp hành"

    title = models.CharField("tiêu đề", max_length=200, help_text="Ví dụ: Lịch sử hình thành và phát triển.")
    slug = VietnameseSlugField(
        "đường dẫn",
        max_length=100,
        populate_from="title",
        fallback="trang",
        blank=True,
        help_text="Phần cuối địa chỉ trang, không dấu. Để trống để tạo tự động từ tiêu đề.",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="trang cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="Để trống nếu là trang cấp một của mục Giới thiệu.",
    )
    summary = models.TextField(
        "tóm tắt",
        max_length=400,
        blank=True,
        help_text="Một, hai câu; hiện ở trang mục lục Giới thiệu và khi chia sẻ.",
    )
    body = RichTextField("nội dung", blank=True, help_text="Nội dung trang; có thể chèn ảnh và bảng.")
    block = models.CharField(
        "kèm theo",
        max_length=20,
        choices=Block.choices,
        default=Block.NONE,
        blank=True,
        help_text="Phần lấy từ dữ liệu, hiện dưới nội dung: sơ đồ tổ chức (từ mục “Đơn vị”) "
        "hoặc danh sách lãnh đạo (từ mục “Lãnh đạo”).",
    )
    order = models.PositiveSmallIntegerField(
        "thứ tự", default=0, validators=[MaxValueValidator(999)], help_text="Số nhỏ đứng trước trong mục lục."
    )
    is_published = models.BooleanField(
        "hiển thị công khai", default=True, help_text="Bỏ chọn để ẩn trang (và các trang con) khỏi trang web."
    )
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    search_text = models.TextField(editable=False, default="")  # folded title, summary, text

    objects = scoped_manager(PageQuerySet)

    class Meta:
        ordering = ["order", "title"]
        verbose_name = "trang giới thiệu"
        verbose_name_plural = "trang giới thiệu"
        constraints = [
            models.UniqueConstraint(
                fields=["federation", "slug"],
                name="about_page_unique_slug",
                violation_error_message="Trang giới thiệu khác đã có đường dẫn này. Hãy sửa đường dẫn cho khác đi.",
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")), name="about_page_not_own_parent",
                violation_error_message="Một trang không thể trực thuộc chính nó.",
            ),
        ]  # fmt: skip
        indexes = [models.Index(fields=["federation", "is_published", "order"], name="about_page_listing")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        stamp_search_text(self, kwargs, self.title, self.summary, self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("about:page", kwargs={"path": self.path})

    def clean(self):
        super().clean()
        _check_parent(self, MAX_PAGE_DEPTH, "trang")

    @property
    def path(self) -> str:
        """Slugs from the top page down to this one (reads parents: use on trees built in memory)."""
        return "/".join([*(page.slug for page in reversed(_ancestors(self, MAX_PAGE_DEPTH))), self.slug])


class UnitQuerySet(models.QuerySet):
    def in_chart_order(self):
        return self.order_by("order", "name", "pk")


class Unit(FederationOwned, VersionedModel):
    """One box of the organisation chart: the leadership, a department, a subordinate union."""

    name = models.CharField(
        "tên đơn vị", max_length=200, help_text="Ví dụ: Ban Tuyên giáo – Nữ công, Công đoàn ngành Giáo dục."
    )
    name_en = models.CharField(
        "tên tiếng Anh",
        max_length=200,
        blank=True,
        help_text="Hiện trên trang tiếng Anh (/en/). Ví dụ: Propaganda and Women's Affairs Department.",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="đơn vị cấp trên",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="Để trống cho cấp cao nhất của sơ đồ (thường là Ban Chấp hành).",
    )
    description = models.CharField(
        "mô tả ngắn",
        max_length=300,
        blank=True,
        help_text="Một câu về nhiệm vụ hoặc số đơn vị trực thuộc; hiện dưới tên trong sơ đồ.",
    )
    order = models.PositiveSmallIntegerField(
        "thứ tự", default=0, validators=[MaxValueValidator(999)], help_text="Số nhỏ đứng trước (bên trái) trong sơ đồ."
    )
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    objects = scoped_manager(UnitQuerySet)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "đơn vị trong sơ đồ tổ chức"
        verbose_name_plural = "đơn vị trong sơ đồ tổ chức"
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=F("pk")), name="about_unit_not_own_parent",
                violation_error_message="Một đơn vị không thể trực thuộc chính nó.",
            ),
        ]  # fmt: skip
        indexes = [models.Index(fields=["federation", "order"], name="about_unit_chart")]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        _check_parent(self, MAX_UNIT_DEPTH, "đơn vị")


class LeaderQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def standing(self):
        """Ban Thường vụ: its members also sit on the Ban Chấp hành."""
        return self.filter(board=Leader.Board.STANDING)

    def in_board_order(self):
        return self.order_by("order", "name", "pk")


class Leader(FederationOwned, PhotoModel, VersionedModel):
    """A member of the federation's Ban Chấp hành (and perhaps its Ban Thường vụ)."""

    photo_fields = {"photo": ("photo_width", "photo_height")}

    class Board(models.TextChoices):
        STANDING = "thuong-vu", "Ban Thường vụ (và Ban Chấp hành)"
        EXECUTIVE = "chap-hanh", "Ban Chấp hành"

    name = models.CharField("họ và tên", max_length=120, help_text="Ví dụ: Hoàng Thị Thu Hà.")
    position = models.CharField(
        "chức vụ", max_length=200, help_text="Ví dụ: Phó Chủ tịch Thường trực Liên đoàn Lao động tỉnh."
    )
    position_en = models.CharField(
        "chức vụ (tiếng Anh)",
        max_length=200,
        blank=True,
        help_text="Hiện trên trang tiếng Anh; để trống thì người này không có ở trang đó. Ví dụ: Vice President.",
    )
    board = models.CharField(
        "thuộc",
        max_length=20,
        choices=Board.choices,
        default=Board.EXECUTIVE,
        help_text="Ủy viên Ban Thường vụ hiện ở cả trang Ban Thường vụ và trang Ban Chấp hành.",
    )
    term_start = models.PositiveSmallIntegerField(
        "nhiệm kỳ từ năm",
        default=2023,
        validators=[MinValueValidator(1929), MaxValueValidator(2100)],
        help_text="Năm đầu nhiệm kỳ, ví dụ 2023.",
    )
    term_end = models.PositiveSmallIntegerField(
        "đến năm",
        default=2028,
        validators=[MinValueValidator(1929), MaxValueValidator(2100)],
        help_text="Năm cuối nhiệm kỳ, ví dụ 2028.",
    )
    photo = models.ImageField(
        "ảnh chân dung",
        upload_to=dated_upload_to,
        validators=[validate_image_upload],
        blank=True,
        help_text="Ảnh JPEG, PNG hoặc WebP, chụp chính diện, tỉ lệ 3:4, rộng ít nhất 600 điểm ảnh.",
    )
    photo_width = models.PositiveIntegerField("chiều rộng ảnh", null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField("chiều cao ảnh", null=True, blank=True, editable=False)
    phone = models.CharField(
        "điện thoại công vụ", max_length=40, blank=True, help_text="Số máy cơ quan công khai; không ghi số riêng."
    )
    email = models.EmailField("thư điện tử công vụ", blank=True, help_text="Địa chỉ thư công vụ công khai.")
    order = models.PositiveSmallIntegerField(
        "thứ tự", default=0, validators=[MaxValueValidator(999)], help_text="Số nhỏ đứng trước (Chủ tịch là 1)."
    )
    is_published = models.BooleanField("hiển thị công khai", default=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    objects = scoped_manager(LeaderQuerySet)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "lãnh đạo"
        verbose_name_plural = "lãnh đạo (Ban Thường vụ, Ban Chấp hành)"
        constraints = [
            models.CheckConstraint(
                condition=Q(term_end__gte=F("term_start")), name="about_leader_term_ends_after_start",
                violation_error_message="Năm cuối nhiệm kỳ phải bằng hoặc sau năm đầu.",
            ),
        ]  # fmt: skip
        indexes = [models.Index(fields=["federation", "is_published", "board", "order"], name="about_leader_board")]

    def __str__(self):
        return f"{self.name} – {self.position}"

    def clean(self):
        super().clean()
        if self.term_start and self.term_end and self.term_end < self.term_start:
            raise ValidationError({"term_end": "Năm cuối nhiệm kỳ phải bằng hoặc sau năm đầu."})

    @property
    def term(self) -> str:
        """ "Nhiệm kỳ 2023–2028"."""
        return f"Nhiệm kỳ {self.term_start}–{self.term_end}"

    @property
    def term_en(self) -> str:
        return f"term {self.term_start}–{self.term_end}"

    @property
    def photo_alt(self) -> str:
        return f"Ảnh chân dung {self.name}"


class Officer(FederationOwned, VersionedModel):
    """The people Decree 42/2022/NĐ-CP asks a portal to name: who speaks for the federation and
    who answers the press and requests for information."""

    class Role(models.TextChoices):
        SPOKESPERSON = "phat-ngon", "Người phát ngôn"
        PRESS = "bao-chi", "Đầu mối cung cấp thông tin cho báo chí"
        INFORMATION = "cung-cap-thong-tin", "Đầu mối cung cấp thông tin theo yêu cầu"
        EDITOR = "ban-bien-tap", "Trưởng Ban Biên tập trang thông tin điện tử"

    role = models.CharField("vai trò", max_length=30, choices=Role.choices, help_text="Vai trò theo Nghị định 42/2022.")
    name = models.CharField("họ và tên", max_length=120)
    position = models.CharField("chức vụ", max_length=200, help_text="Ví dụ: Chánh Văn phòng Liên đoàn Lao động tỉnh.")
    phone = models.CharField("điện thoại", max_length=40, blank=True, help_text="Số máy cơ quan công khai.")
    email = models.EmailField("thư điện tử", blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0, validators=[MaxValueValidator(999)])

    objects = scoped_manager()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = "người phát ngôn, đầu mối thông tin"
        verbose_name_plural = "người phát ngôn, đầu mối thông tin"
        indexes = [models.Index(fields=["federation", "order"], name="about_officer_order")]

    def __str__(self):
        return f"{self.get_role_display()}: {self.name}"


class Profile(FederationOwned, PhotoModel, VersionedModel):
    """What the contact and English pages need beyond the federation's identity (name,
    address, phone, e-mail are edited with the federation): one per federation."""

    photo_fields = {"map_image": ("map_width", "map_height")}

    working_hours = models.TextField(
        "giờ làm việc",
        max_length=600,
        blank=True,
        default="Sáng: 07:30 – 11:30\nChiều: 13:30 – 17:00\nTừ thứ Hai đến thứ Sáu, trừ ngày nghỉ lễ, Tết.",
        help_text="Mỗi dòng hiện thành một dòng trên trang Liên hệ.",
    )
    map_image = models.ImageField(
        "ảnh bản đồ",
        upload_to=dated_upload_to,
        validators=[validate_image_upload],
        blank=True,
        help_text="Ảnh chụp bản đồ vị trí trụ sở (JPEG, PNG hoặc WebP). Trang web không nhúng bản đồ của bên thứ ba.",
    )
    map_width = models.PositiveIntegerField("chiều rộng ảnh", null=True, blank=True, editable=False)
    map_height = models.PositiveIntegerField("chiều cao ảnh", null=True, blank=True, editable=False)
    map_alt = models.CharField(
        "mô tả ảnh bản đồ",
        max_length=255,
        blank=True,
        help_text="Ví dụ: Bản đồ trụ sở ở góc đường Trường Chinh và Nguyễn Văn Tố, cạnh Quảng trường tỉnh.",
    )
    map_url = models.URLField(
        "liên kết bản đồ",
        max_length=500,
        blank=True,
        help_text="Địa chỉ trang bản đồ mở ra khi bấm vào ảnh, ví dụ một liên kết OpenStreetMap.",
    )
    name_en = models.CharField(
        "tên tiếng Anh",
        max_length=200,
        blank=True,
        help_text="Ví dụ: Bac Kan Provincial Federation of Labour.",
    )
    address_en = models.CharField(
        "địa chỉ tiếng Anh", max_length=255, blank=True, help_text="Ví dụ: Group 1, Duc Xuan Ward, Bac Kan City."
    )
    intro_en = models.TextField(
        "giới thiệu tiếng Anh",
        max_length=3000,
        blank=True,
        help_text="Vài đoạn văn tiếng Anh về liên đoàn; mỗi đoạn cách nhau một dòng trống.",
    )
    functions_en = models.TextField(
        "chức năng, nhiệm vụ (tiếng Anh)",
        max_length=3000,
        blank=True,
        help_text="Mỗi dòng là một chức năng hoặc nhiệm vụ, hiện thành danh sách trên trang tiếng Anh.",
    )
    working_hours_en = models.CharField(
        "giờ làm việc (tiếng Anh)",
        max_length=200,
        blank=True,
        default="Monday to Friday, 7:30–11:30 and 13:30–17:00 (UTC+7), except public holidays.",
    )
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    objects = scoped_manager()

    class Meta:
        verbose_name = "thông tin liên hệ và trang tiếng Anh"
        verbose_name_plural = "thông tin liên hệ và trang tiếng Anh"
        constraints = [
            models.UniqueConstraint(
                fields=["federation"],
                name="about_profile_one_per_federation",
                violation_error_message="Liên đoàn này đã có thông tin liên hệ; hãy sửa bản đã có.",
            )
        ]

    def __str__(self):
        return "Thông tin liên hệ và trang tiếng Anh"

    def clean(self):
        super().clean()
        if self.map_image and not self.map_alt:
            raise ValidationError({"map_alt": "Có ảnh bản đồ thì phải có mô tả ảnh cho người khiếm thị."})

    @property
    def working_hours_lines(self) -> list[str]:
        return [line.strip() for line in self.working_hours.splitlines() if line.strip()]

    @property
    def intro_en_paragraphs(self) -> list[str]:
        return [" ".join(part.split()) for part in self.intro_en.split("\n\n") if part.strip()]

    @property
    def functions_en_lines(self) -> list[str]:
        return [line.strip() for line in self.functions_en.splitlines() if line.strip()]
