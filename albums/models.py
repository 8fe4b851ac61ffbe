"""Photo albums (thư viện ảnh): an album is a titled, dated, ordered set of photos.

Each photo is a `congdoan.photos.PhotoModel` like an article cover: measured on save, with the
same renditions, upload checks and alt text rule. The album's cover is its first photo.
"""

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils.functional import cached_property

from congdoan.fields import VietnameseSlugField
from congdoan.images import dated_upload_to, validate_image_upload
from congdoan.photos import PhotoModel
from congdoan.publishing import Publishable, PublishableQuerySet
from congdoan.renditions import WIDTHS, Picture, picture, rendition_url
from congdoan.tenancy import FederationOwned, scoped_manager
from congdoan.versioning import VersionedModel
from news.search import stamp_search_text, words_filter

# An album of a whole congress runs to a few hundred photos; more belongs in several albums.
MAX_PHOTOS_PER_ALBUM = 500


class AlbumQuerySet(PublishableQuerySet):
    def search(self, terms: list[str]):
        """Every folded word in the album's name or description (site search)."""
        return self.filter(words_filter(terms))

    def for_cards(self):
        """What a card shows: the number of photos and (prefetched) the cover, the first photo.
        Two queries for any number of albums."""
        return (
            self.defer("search_text")
            .annotate(photo_count=Count("photos"))
            .prefetch_related(models.Prefetch("photos", queryset=AlbumPhoto.objects.covers(), to_attr="cover_list"))
        )


class Album(FederationOwned, Publishable, VersionedModel):
    title = models.CharField(
        "tên album",
        max_length=255,
        help_text="Ví dụ: Đại hội Công đoàn tỉnh lần thứ XI, nhiệm kỳ 2023–2028.",
    )
    slug = VietnameseSlugField(
        "đường dẫn",
        max_length=200,
        populate_from="title",
        fallback="album",
        blank=True,
        help_text="Phần cuối địa chỉ trang album, không dấu. Để trống để tạo tự động từ tên.",
        # The (federation, slug) constraint reads as this field's error (FederationOwned).
        error_messages={"unique": "Album khác đã có đường dẫn này. Hãy sửa đường dẫn cho khác đi."},
    )
    description = models.TextField(
        "giới thiệu",
        max_length=1000,
        blank=True,
        help_text="Một, hai câu về sự kiện: ở đâu, khi nào, ai tham gia. Hiện dưới tên album và khi chia sẻ.",
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)
    search_text = models.TextField(editable=False, default="")  # folded name and description
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tạo",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = scoped_manager(AlbumQuerySet)

    class Meta(Publishable.Meta):
        verbose_name = "album ảnh"
        verbose_name_plural = "album ảnh"
        constraints = [
            models.UniqueConstraint(fields=["federation", "slug"], name="albums_album_unique_slug"),
            *Publishable.Meta.constraints,
        ]
        permissions = [("publish_album", "Có thể đăng, hẹn giờ và gỡ album ảnh")]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        stamp_search_text(self, kwargs, self.title, self.description)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("albums:detail", args=[self.slug])

    @property
    def cover(self) -> "AlbumPhoto | None":
        """The first photo (from `for_cards()`' prefetch when there is one)."""
        found = getattr(self, "cover_list", None)
        if found is None:
            found = list(self.photos.order_by("order", "pk")[:1])
        return found[0] if found else None


class AlbumPhotoQuerySet(models.QuerySet):
    def covers(self):
        """The first photo of each album, for lists (one query, a window per album)."""
        return self.annotate(
            position=Window(RowNumber(), partition_by=[F("album_id")], order_by=[F("order").asc(), F("pk").asc()])
        ).filter(position=1)


class AlbumPhoto(PhotoModel, models.Model):
    photo_fields = {"image": ("width", "height")}

    album = models.ForeignKey(Album, verbose_name="album", on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(
        "ảnh",
        upload_to=dated_upload_to,
        validators=[validate_image_upload],
        max_length=255,
        help_text="Ảnh JPEG, PNG, WebP hoặc GIF, tối đa 10 MB.",
    )
    width = models.PositiveIntegerField("chiều rộng ảnh", null=True, blank=True, editable=False)
    height = models.PositiveIntegerField("chiều cao ảnh", null=True, blank=True, editable=False)
    caption = models.CharField(
        "chú thích",
        max_length=300,
        blank=True,
        help_text="Dòng chú thích dưới ảnh, ví dụ: Đồng chí Chủ tịch LĐLĐ tỉnh trao quà cho đoàn viên.",
    )
    credit = models.CharField("nguồn ảnh", max_length=150, blank=True, help_text="Ví dụ: Ảnh: Thu Thủy/LĐLĐ tỉnh.")
    alt = models.CharField(
        "mô tả ảnh (alt)",
        max_length=250,
        blank=True,
        help_text="Tả ngắn nội dung ảnh cho người khiếm thị. Để trống thì dùng chú thích.",
    )
    order = models.PositiveIntegerField(
        "thứ tự", default=0, help_text="Số nhỏ đứng trước; ảnh đứng đầu là ảnh đại diện của album."
    )

    objects = scoped_manager(AlbumPhotoQuerySet, path="album__federation")

    class Meta:
        verbose_name = "ảnh trong album"
        verbose_name_plural = "ảnh trong album"
        ordering = ["order", "pk"]
        indexes = [models.Index(fields=["album", "order", "id"], name="albums_photo_order")]

    def __str__(self):
        return self.caption or self.image.name.rsplit("/", 1)[-1]

    @property
    def alt_text(self) -> str:
        """What a screen reader says: the description, else the caption, else the album's name."""
        if self.alt or self.caption:
            return self.alt or self.caption
        album = self.album if "album" in self._state.fields_cache else None
        return f"Ảnh trong album {album.title}" if album is not None else "Ảnh trong album"

    @cached_property
    def picture(self) -> Picture | None:
        """Srcsets of the photo's renditions (no I/O), for the grid and the lightbox."""
        return picture(self.image, self.width, self.height)

    @property
    def full_url(self) -> str:
        """The largest JPEG rendition the photo has: where a photo link leads without JavaScript."""
        width = self.width or max(WIDTHS)
        largest = next((candidate for candidate in sorted(WIDTHS) if candidate >= width), max(WIDTHS))
        return rendition_url(self.image.name, largest, "jpg")
