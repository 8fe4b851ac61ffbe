"""Videos: a YouTube or Facebook video shown behind a poster until the reader asks for it, or an
MP4 uploaded here with its poster and optional captions (WebVTT) or transcript."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from congdoan.fields import VietnameseSlugField
from congdoan.images import dated_upload_to, validate_image_upload
from congdoan.photos import PhotoModel
from congdoan.publishing import Publishable, PublishableQuerySet
from congdoan.tenancy import FederationOwned, scoped_manager
from congdoan.versioning import VersionedModel
from news.search import stamp_search_text, words_filter

from .embeds import FACEBOOK, PARSERS, YOUTUBE, Embed
from .files import captions_upload_to, validate_mp4, validate_webvtt, video_upload_to

TRANSCRIPT_MAX_CHARS = 60_000  # an hour of speech is about 50.000 characters


class VideoQuerySet(PublishableQuerySet):
    def search(self, terms: list[str]):
        """Every folded word in the video's title, description or transcript (site search)."""
        return self.filter(words_filter(terms))

    def for_cards(self):
        """What a card shows: no transcript or description text."""
        return self.defer("transcript", "description", "search_text")


class Video(FederationOwned, PhotoModel, Publishable, VersionedModel):
    photo_fields = {"poster": ("poster_width", "poster_height")}

    class Kind(models.TextChoices):
        YOUTUBE = YOUTUBE, "Video trên YouTube"
        FACEBOOK = FACEBOOK, "Video trên Facebook"
        FILE = "file", "Tệp video MP4 tải lên"

    title = models.CharField("tiêu đề", max_length=255, help_text="Ví dụ: Phóng sự Tháng Công nhân năm 2024.")
    slug = VietnameseSlugField(
        "đường dẫn",
        max_length=200,
        populate_from="title",
        fallback="video",
        blank=True,
        help_text="Phần cuối địa chỉ trang video, không dấu. Để trống để tạo tự động từ tiêu đề.",
        # The (federation, slug) constraint reads as this field's error (FederationOwned).
        error_messages={"unique": "Video khác đã có đường dẫn này. Hãy sửa đường dẫn cho khác đi."},
    )
    description = models.TextField(
        "giới thiệu",
        max_length=2000,
        blank=True,
        help_text="Vài câu về nội dung video; hiện dưới video và khi chia sẻ.",
    )
    kind = models.CharField(
        "nguồn video",
        max_length=10,
        choices=Kind.choices,
        default=Kind.YOUTUBE,
        help_text="Video đã đăng trên YouTube hoặc Facebook (dán địa chỉ), hay tệp MP4 tải lên trang này.",
    )
    source_url = models.CharField(
        "địa chỉ video",
        max_length=500,
        blank=True,
        help_text="Với YouTube hoặc Facebook: dán địa chỉ của video, ví dụ https://www.youtube.com/watch?v=M7lc1UVf-VE "
        "hoặc https://www.facebook.com/tenTrang/videos/1234567890/. Trình phát chỉ tải khi bạn đọc bấm xem.",
    )
    remote_id = models.CharField("mã video", max_length=32, blank=True, editable=False)
    file = models.FileField(
        "tệp video",
        upload_to=video_upload_to,
        validators=[validate_mp4],
        max_length=255,
        blank=True,
        help_text="Với tệp tải lên: video MP4 (H.264), tối đa 300 MB.",
    )
    poster = models.ImageField(
        "ảnh bìa",
        upload_to=dated_upload_to,
        validators=[validate_image_upload],
        max_length=255,
        blank=True,
        help_text="Ảnh hiện trước khi bấm xem (JPEG, PNG, WebP), nên theo tỉ lệ 16:9, rộng từ 1200 điểm ảnh. "
        "Ảnh lưu trên trang này: bạn đọc không tải gì từ YouTube, Facebook trước khi bấm xem.",
    )
    poster_width = models.PositiveIntegerField("chiều rộng ảnh bìa", null=True, blank=True, editable=False)
    poster_height = models.PositiveIntegerField("chiều cao ảnh bìa", null=True, blank=True, editable=False)
    captions = models.FileField(
        "phụ đề (WebVTT)",
        upload_to=captions_upload_to,
        validators=[validate_webvtt],
        max_length=255,
        blank=True,
        help_text="Chỉ cho tệp video tải lên: tệp phụ đề tiếng Việt .vtt. "
        "Video YouTube, Facebook dùng phụ đề của nơi đăng.",
    )
    transcript = models.TextField(
        "lời thoại",
        max_length=TRANSCRIPT_MAX_CHARS,
        blank=True,
        help_text="Toàn văn lời thoại, lời bình; hiện trong mục “Lời thoại” dưới video cho người khiếm thính.",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    search_text = models.TextField(editable=False, default="")  # folded title, description, transcript

    objects = scoped_manager(VideoQuerySet)

    class Meta(Publishable.Meta):
        verbose_name = "video"
        verbose_name_plural = "video"
        constraints = [
            models.UniqueConstraint(fields=["federation", "slug"], name="videos_video_unique_slug"),
            *Publishable.Meta.constraints,
            models.CheckConstraint(
                condition=(Q(kind="file") & ~Q(file="") & Q(remote_id="") & Q(source_url=""))
                | (Q(kind__in=[YOUTUBE, FACEBOOK]) & Q(file="") & Q(captions="") & ~Q(remote_id="")),
                name="videos_video_one_source",
                violation_error_message="Video phải có đúng một nguồn: địa chỉ YouTube/Facebook hoặc tệp MP4.",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        stamp_search_text(self, kwargs, self.title, self.description, self.transcript)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("videos:detail", args=[self.slug])

    def full_clean(self, exclude=None, validate_unique=True, validate_constraints=True):
        # A form leaves out the fields it already refused: clean() then says nothing about them
        # (a refused 600-character address is not also reported as missing).
        self._refused = set(exclude or ())
        super().full_clean(exclude, validate_unique, validate_constraints)

    def clean(self):
        super().clean()  # "publish with no time" means now (congdoan.publishing)
        refused = getattr(self, "_refused", set())
        errors = {}
        if refused & {"kind", "source_url"} and self.kind in PARSERS:
            pass  # the source cannot be judged against a refused kind or address
        elif self.kind in PARSERS:
            if not self.source_url.strip():
                errors["source_url"] = "Hãy dán địa chỉ video trên YouTube hoặc Facebook."
            else:
                try:
                    embed = PARSERS[self.kind](self.source_url)
                except ValidationError as error:
                    errors["source_url"] = error.messages
                else:
                    self.remote_id, self.source_url = embed.video_id, embed.watch_url
            if self.file:
                errors["file"] = "Video YouTube, Facebook không kèm tệp: hãy bỏ tệp, hoặc chọn nguồn “Tệp video MP4”."
            if self.captions:
                errors["captions"] = "Phụ đề .vtt chỉ dùng cho tệp video tải lên; hãy bỏ tệp phụ đề."
        elif self.kind == self.Kind.FILE:
            if not self.file and "file" not in refused:
                errors["file"] = "Hãy chọn tệp video MP4."
            if self.source_url.strip():
                errors["source_url"] = "Video tải lên không kèm địa chỉ YouTube, Facebook: hãy xóa địa chỉ."
            self.remote_id = ""
        if errors:
            raise ValidationError(errors)

    @property
    def embed(self) -> Embed | None:
        if self.kind in PARSERS and self.remote_id:
            return Embed(self.kind, self.remote_id)
        return None

    @property
    def frame_origins(self) -> list[str]:
        """What this video's page must allow in CSP `frame-src`: its player's origin, or nothing."""
        embed = self.embed
        return [embed.frame_origin] if embed else []

    @property
    def poster_url(self) -> str:
        """The largest JPEG rendition of the poster (the <video> element takes one address)."""
        if not self.poster:
            return ""
        from congdoan.renditions import WIDTHS, rendition_url

        width = self.poster_width or max(WIDTHS)
        largest = next((candidate for candidate in sorted(WIDTHS) if candidate >= width), max(WIDTHS))
        return rendition_url(self.poster.name, largest, "jpg")
