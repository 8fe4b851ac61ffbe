"""Albums in the admin: many photos uploaded at once, ordered and captioned in one page.

Writers (Phóng viên) build albums and add photos, but only editors (`albums.publish_album`)
publish, schedule or delete them; a writer changes only their own unpublished albums.
"""

from django import forms
from django.contrib import admin
from django.utils.html import format_html
from reversion.admin import VersionAdmin

from congdoan.admin_input import CheckedInputAdminMixin
from congdoan.publishing import PublishableAdminMixin
from congdoan.renditions import rendition_url
from congdoan.versioning import VersionCheckAdminMixin, VersionCheckFormMixin

from .models import MAX_PHOTOS_PER_ALBUM, Album, AlbumPhoto
from .services import add_photos
from .uploads import MAX_FILES_PER_BATCH, KeepPhotosFormMixin, MultiplePhotoField

PUBLISH_PERMISSION = "albums.publish_album"


def can_publish(request) -> bool:
    return request.user.has_perm(PUBLISH_PERMISSION)


def thumbnail_html(photo, width=96):
    if not photo or not photo.image:
        return "—"
    height = round(width * (photo.height or 2) / (photo.width or 3))
    return format_html(
        '<img src="{}" alt="" width="{}" height="{}" loading="lazy" class="albums-admin-thumb">',
        rendition_url(photo.image.name, 360, "jpg"),
        width,
        height,
    )


class AlbumAdminForm(KeepPhotosFormMixin, VersionCheckFormMixin, forms.ModelForm):
    new_photos = MultiplePhotoField(
        label="Tải ảnh lên",
        help_text=f"Chọn một lúc nhiều ảnh (giữ Ctrl hoặc Shift khi chọn), tối đa {MAX_FILES_PER_BATCH} ảnh mỗi lần, "
        "mỗi ảnh JPEG, PNG, WebP hoặc GIF đến 10 MB. Ảnh được thêm vào cuối album theo thứ tự tên tệp; "
        "sau khi lưu, sửa chú thích và thứ tự ở bảng ảnh bên dưới. Có một tệp hỏng thì không ảnh nào được lưu.",
    )
    new_photos_credit = forms.CharField(
        label="Nguồn ảnh cho các ảnh mới",
        max_length=150,
        required=False,
        help_text="Ghi cho mọi ảnh của lần tải này, ví dụ: Ảnh: Thu Thủy/LĐLĐ tỉnh. Sửa từng ảnh sau nếu cần.",
    )

    class Meta:
        model = Album
        fields = ["title", "slug", "description", "published_at", "is_published", "version"]

    def clean(self):
        cleaned = super().clean()
        files = cleaned.get("new_photos") or []
        if files:
            existing = AlbumPhoto._base_manager.filter(album_id=self.instance.pk).count() if self.instance.pk else 0
            if existing + len(files) > MAX_PHOTOS_PER_ALBUM:
                self.add_error(
                    "new_photos",
                    f"Một album có tối đa {MAX_PHOTOS_PER_ALBUM} ảnh; album này đã có {existing} ảnh. "
                    "Hãy tạo album mới cho phần còn lại.",
                )
        return cleaned


class AlbumPhotoInline(CheckedInputAdminMixin, admin.TabularInline):
    model = AlbumPhoto
    extra = 0
    max_num = MAX_PHOTOS_PER_ALBUM
    fields = ["thumbnail", "order", "image", "caption", "credit", "alt"]
    readonly_fields = ["thumbnail"]
    ordering = ["order", "pk"]
    verbose_name_plural = "ảnh trong album (sửa chú thích, nguồn ảnh, mô tả; đổi số thứ tự để sắp xếp)"
    formfield_overrides = {
        AlbumPhoto._meta.get_field("order").__class__: {"widget": forms.NumberInput(attrs={"class": "vIntegerField"})}
    }

    @admin.display(description="Xem")
    def thumbnail(self, obj):
        return thumbnail_html(obj)


@admin.register(Album)
class AlbumAdmin(CheckedInputAdminMixin, VersionCheckAdminMixin, PublishableAdminMixin, VersionAdmin):
    class Media:
        js = ["news/admin-slug.js"]  # Vietnamese letters in the prefilled slug (see news.admin)
        css = {"all": ["albums/admin.css"]}

    form = AlbumAdminForm
    inlines = [AlbumPhotoInline]
    list_display = ["cover_thumbnail", "title", "photo_total", "published_at", "is_visible_icon", "site_link"]
    list_display_links = ["title"]
    list_filter = ["is_published", "published_at"]
    search_fields = ["title", "description"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}
    save_on_top = True
    readonly_fields = ["created_by", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "description", "version"]}),
        (
            "Thêm ảnh",
            {
                "fields": ["new_photos", "new_photos_credit"],
                "description": "Ảnh được kiểm tra như ảnh bài viết. Ảnh đứng đầu bảng ảnh là ảnh đại diện của album.",
            },
        ),
        (
            "Đăng album",
            {
                "fields": ["is_published", "published_at"],
                "description": "Biên tập viên đăng album; thời điểm đăng trong tương lai là hẹn giờ.",
            },
        ),
        ("Theo dõi", {"fields": ["created_by", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        # Ordered explicitly: the photo count groups the rows, and grouped rows drop the model's
        # default order (the autocomplete pages them). The change list's sorting still applies.
        return super().get_queryset(request).for_cards().newest_first().select_related("created_by")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not can_publish(request):
            fields += ["is_published", "published_at"]
        return fields

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if allowed and obj is not None and not can_publish(request):
            return obj.created_by_id == request.user.pk and not obj.is_published
        return allowed

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and can_publish(request)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            if not can_publish(request):
                obj.is_published = False
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        files = form.cleaned_data.get("new_photos") or []
        if files:
            photos = add_photos(album=form.instance, files=files, credit=form.cleaned_data.get("new_photos_credit", ""))
            self.message_user(request, f"Đã thêm {len(photos)} ảnh vào album.")

    @admin.display(description="Ảnh")
    def cover_thumbnail(self, obj):
        return thumbnail_html(obj.cover, width=80)

    @admin.display(description="Số ảnh", ordering="photo_count")
    def photo_total(self, obj):
        return obj.photo_count
