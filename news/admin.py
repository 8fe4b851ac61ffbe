"""The editors' side of the news.

Role rules are enforced here on the server, not by hiding buttons:
- writers (Phóng viên, no `news.publish_article`) see only their own articles, change
  only their own drafts, may set the status to "draft" or "awaiting review" and never
  publish, schedule or feature (read-only fields + a check in `save_model`);
- editors (Biên tập viên) can do everything.
Every save is kept by django-reversion (history, recover deleted); a version number
(django-concurrency) stops a second editor silently overwriting the first.
"""

from contextvars import ContextVar

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from reversion.admin import VersionAdmin

from congdoan.admin_input import CheckedInputAdminMixin
from congdoan.editorial_admin import EditorialAdminMixin
from congdoan.kept_uploads import KeepUploadsFormMixin, PhotoAdminMixin
from congdoan.models import Federation
from congdoan.publishing import PublishableAdminMixin
from congdoan.renditions import rendition_url
from congdoan.tenancy import everywhere
from congdoan.versioning import VersionCheckFormMixin

from . import admin_import
from .models import Article, ArticlePush, Section, Tag
from .national import is_national_site, origin_url
from .search import query_terms
from .services import PushRefused, publication_time, publish, push_article, unpublish, withdraw_pushes

PUBLISH_PERMISSION = "news.publish_article"
_admin_request: ContextVar = ContextVar("news_admin_request", default=None)
WRITER_STATUSES = (Article.Status.DRAFT, Article.Status.REVIEW)


def is_editor(request) -> bool:
    return request.user.has_perm(PUBLISH_PERMISSION)


class VietnameseSlugMedia:
    # Replaces Django's URLify (which turns "Đ" into "dj" and drops "ồ", "ư"…) for prefilled slugs.
    js = ["news/admin-slug.js"]


@admin.register(Section)
class SectionAdmin(CheckedInputAdminMixin, VersionAdmin):
    Media = VietnameseSlugMedia
    list_display = ["name", "parent", "order", "show_in_menu", "slug"]
    list_editable = ["order", "show_in_menu"]
    list_filter = ["show_in_menu", "parent"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}
    fields = ["name", "slug", "parent", "order", "show_in_menu", "description"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("parent")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            kwargs["queryset"] = Section.objects.filter(parent__isnull=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Tag)
class TagAdmin(CheckedInputAdminMixin, VersionAdmin):
    Media = VietnameseSlugMedia
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}
    fields = ["name", "slug", "kind"]


class ArticleAdminForm(KeepUploadsFormMixin, VersionCheckFormMixin, forms.ModelForm):
    """Adds the editor's explicit "record a content update" control (the conflict check is
    VersionCheckFormMixin's, as for every model several editors edit)."""

    record_revision = forms.BooleanField(
        label="Ghi nhận cập nhật nội dung",
        required=False,
        help_text="Chỉ đánh dấu khi lần sửa này thay đổi nội dung bài đã đăng (thêm, bớt, đính chính thông tin): "
        "bạn đọc sẽ thấy dòng “Sửa đổi, bổ sung lúc …” dưới thời điểm đăng. Sửa lỗi chính tả, đổi ảnh, đổi thẻ "
        "thì để trống: bài giữ nguyên thời điểm đăng.",
    )

    class Meta:
        model = Article
        # The admin passes the fields of its fieldsets; this is the full editable set.
        fields = [
            "title", "slug", "section", "sapo", "body", "tags", "album", "version",
            "cover", "cover_alt", "cover_caption", "cover_credit",
            "byline_name", "byline_position", "source", "status", "publish_at", "featured",
        ]  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        if "publish_at" in self.fields and cleaned.get("status") == Article.Status.PUBLISHED:
            # Filled before the model's checks run, by the same rule publish() applies on save.
            cleaned["publish_at"] = publication_time(
                requested=cleaned.get("publish_at"), current=self.instance.publish_at, now=self.now
            )
        if cleaned.get("record_revision"):
            publish_at = cleaned.get("publish_at")
            if cleaned.get("status") != Article.Status.PUBLISHED or publish_at is None or publish_at > self.now:
                self.add_error(
                    "record_revision",
                    "Chỉ ghi nhận cập nhật nội dung cho bài đang hiện với bạn đọc; bài chưa đăng hay đang hẹn giờ "
                    "thì chưa có gì để cập nhật.",
                )
        return cleaned

    @cached_property
    def now(self):
        return timezone.now()


@admin.register(Article)
class ArticleAdmin(EditorialAdminMixin, CheckedInputAdminMixin, PhotoAdminMixin, PublishableAdminMixin, VersionAdmin):
    class Media:
        js = VietnameseSlugMedia.js
        css = {"all": ["news/admin.css"]}

    visible_attribute = "is_published"  # published and due (PublishableAdminMixin's icon and link)

    # django-reversion has no Vietnamese translation: our own wording for its pages.
    change_list_template = "news/admin/article_change_list.html"
    object_history_template = "news/admin/article_history.html"
    revision_form_template = "news/admin/article_revision_form.html"
    recover_form_template = "news/admin/article_recover_form.html"
    recover_list_template = "news/admin/article_recover_list.html"
    form = ArticleAdminForm
    list_display = [
        "thumbnail",
        "title",
        "section",
        "status_label",
        "publish_at",
        "byline_name",
        "view_count",
        "is_visible_icon",
        "site_link",
    ]
    list_display_links = ["title"]
    list_filter = ["status", "featured", "section", "tags", "publish_at"]
    list_select_related = ["section"]
    search_help_text = "Tìm theo tiêu đề, sapo, nội dung; gõ có dấu hay không dấu đều được."
    date_hierarchy = "publish_at"
    autocomplete_fields = ["tags", "album"]
    prepopulated_fields = {"slug": ("title",)}
    list_per_page = 50
    actions = ["publish_selected", "unpublish_selected", "push_selected", "withdraw_selected"]
    # Writers draft, editors publish (congdoan.editorial_admin)
    publish_permission = PUBLISH_PERMISSION
    writer_statuses = WRITER_STATUSES
    writer_status_help = "Chọn “Chờ duyệt” khi bài đã xong để gửi biên tập viên."
    bulk_texts = {
        "publish_selected": ("Duyệt đăng các bài đã chọn", "Duyệt đăng hàng loạt", "Đã duyệt đăng {count} bài viết."),
        "unpublish_selected": (
            "Gỡ đăng (đưa về bản nháp) các bài đã chọn",
            "Gỡ đăng hàng loạt",
            "Đã gỡ đăng {count} bài viết.",
        ),
    }
    fieldsets = [
        (
            "Nội dung",
            {
                "fields": ["title", "slug", "section", "sapo", "body", "tags", "album", "version"],
                "description": "Tiêu đề, sapo (đoạn dẫn in đậm) và nội dung. Ảnh chèn trong bài nên có chú thích; "
                "nhiều ảnh thì đưa vào một album ảnh và chọn album đó.",
            },
        ),
        (
            "Ảnh đại diện",
            {
                "fields": ["cover", "cover_alt", "cover_caption", "cover_credit"],
                "description": "Ảnh hiện ở đầu bài và trong danh sách tin; khi có ảnh phải có mô tả ảnh.",
            },
        ),
        ("Tác giả và nguồn", {"fields": ["byline_name", "byline_position", "source"]}),
        (
            "Đăng bài",
            {
                "fields": ["status", "publish_at", "record_revision", "revised_at", "featured"],
                "description": "Phóng viên gửi bài ở trạng thái “Chờ duyệt”. Biên tập viên duyệt đăng, "
                "hẹn giờ (thời điểm đăng trong tương lai), nhập ngày giờ gốc cho bài lưu trữ và chọn tin nổi bật. "
                "Bạn đọc thấy thời điểm đăng; lưu lại bài không làm đổi thời điểm này.",
            },
        ),
        (
            "Theo dõi",
            {
                "fields": ["view_count", "created_by", "created_at", "updated_by", "updated_at", "original_url"],
                "classes": ["collapse"],
            },
        ),
    ]
    readonly_fields = [
        "revised_at", "view_count", "created_by", "created_at", "updated_by", "updated_at", "original_url",
    ]  # fmt: skip

    # --- Who sees and changes what ------------------------------------------

    def get_queryset(self, request):  # writers see their own (EditorialAdminMixin)
        return super().get_queryset(request).select_related("section", "section__parent")

    def has_push_permission(self, request):
        """Pushing to the federations is the national union's editors' work, on its own admin."""
        return is_editor(request) and is_national_site()

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not is_editor(request):
            fields += ["publish_at", "featured"]
        return fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if is_editor(request):
            return fieldsets
        # Recording a content update is an editor's decision on a published article.
        return [
            (name, {**options, "fields": [field for field in options["fields"] if field != "record_revision"]})
            for name, options in fieldsets
        ]

    def changelist_view(self, request, extra_context=None):
        extra = {"can_recover": is_editor(request), "can_import": self.has_import_permission(request)}
        return super().changelist_view(request, {**(extra_context or {}), **extra})

    # --- Archive import ("Nhập bài từ tệp", news.admin_import) ---------------

    def get_urls(self):
        return [
            path("nhap-tu-tep/", self.admin_site.admin_view(self.import_view), name="news_article_import"),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        return admin_import.import_view(self, request)

    def save_model(self, request, obj, form, change):
        if not is_editor(request):
            # Never trust the form alone: a writer's article is never published or featured.
            if obj.status not in WRITER_STATUSES:
                obj.status = Article.Status.REVIEW
            obj.featured = False
            obj.publish_at = None
        if not change or obj.created_by_id is None:
            obj.created_by = request.user
        obj.updated_by = request.user
        if obj.status == Article.Status.PUBLISHED:
            publish(article=obj, at=obj.publish_at, by=request.user, revised=form.cleaned_data.get("record_revision"))
        elif change and form.initial.get("status") == Article.Status.PUBLISHED:
            unpublish(article=obj, by=request.user)
        else:
            super().save_model(request, obj, form, change)

    # --- Change list columns -------------------------------------------------

    @admin.display(description="Ảnh")
    def thumbnail(self, obj):
        if not obj.cover:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="80" height="{}" loading="lazy" class="news-admin-thumb">',
            rendition_url(obj.cover.name, 360, "jpg"),
            round(80 * (obj.cover_height or 45) / (obj.cover_width or 80)),
        )

    @admin.display(description="Trạng thái", ordering="status")
    def status_label(self, obj):
        if obj.is_scheduled:
            return "Hẹn giờ đăng"
        return obj.get_status_display()

    # --- Publishing, bulk actions and search (EditorialAdminMixin) -------------

    def publish_one(self, request, article):
        # An archive date or a schedule the editor set is kept; no time means now.
        publish(article=article, by=request.user)

    def unpublish_one(self, request, article):
        unpublish(article=article, by=request.user)

    def search_queryset(self, queryset, search_term):
        if not query_terms(search_term):
            return None
        return queryset.search(search_term).order_by("-publish_at", "-pk")

    def view_on_site(self, obj):
        return reverse("news:article", args=[obj.slug])

    @admin.action(description="Đăng lại ở các liên đoàn", permissions=["push"])
    def push_selected(self, request, queryset):
        """Asks where to (all or chosen federations, a receiving section), then pushes."""
        form = PushForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            made = kept = 0
            for article in queryset:
                try:
                    created, existing = push_article(
                        article=article,
                        federations=form.cleaned_data["receivers"],
                        section_slug=form.cleaned_data["section_slug"],
                        by=request.user,
                    )
                except PushRefused as refusal:
                    self.message_user(request, f"“{article.title}”: {refusal}", messages.ERROR)
                    continue
                made, kept = made + created, kept + existing
            if made or kept:
                self.message_user(
                    request, f"Đã đăng lại {made} lượt; {kept} lượt đã có từ trước được giữ nguyên.", messages.SUCCESS
                )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Đăng lại ở các liên đoàn",
            "opts": self.model._meta,
            "form": form,
            "articles": list(queryset),
            "action_name": "push_selected",
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "news/admin/push_form.html", context)

    @admin.action(description="Thu hồi bài đăng lại ở mọi liên đoàn", permissions=["push"])
    def withdraw_selected(self, request, queryset):
        count = sum(withdraw_pushes(article=article) for article in queryset)
        self.message_user(request, f"Đã thu hồi {count} lượt đăng lại.", messages.SUCCESS)


def _receiving_federations():
    return Federation.objects.filter(state=Federation.State.ACTIVE).exclude(kind=Federation.Kind.NATIONAL)


class PushForm(forms.Form):
    """Where a national article is pushed: every federation, or the ones ticked."""

    to_all = forms.BooleanField(label="Tất cả các liên đoàn", required=False)
    federations = forms.ModelMultipleChoiceField(
        label="Hoặc chọn liên đoàn nhận bài",
        queryset=Federation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    section_slug = forms.ChoiceField(
        label="Chuyên mục nhận",
        required=False,
        help_text="Bài hiện thêm trong chuyên mục có đường dẫn này ở liên đoàn nào có nó; "
        "mọi liên đoàn nhận đều hiện bài trong tin mới ở trang chủ.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        receivers = _receiving_federations()
        self.fields["federations"].queryset = receivers
        named = {}
        sections = everywhere(Section).filter(federation__in=receivers).order_by("name")
        for slug, name in sections.values_list("slug", "name"):
            named.setdefault(slug, name)
        self.fields["section_slug"].choices = [("", "Không chọn chuyên mục")] + [
            (slug, f"{name} ({slug})") for slug, name in named.items()
        ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("to_all"):
            cleaned["receivers"] = list(self.fields["federations"].queryset)
        else:
            cleaned["receivers"] = list(cleaned.get("federations") or [])
        if not cleaned["receivers"] and not self.errors:
            raise forms.ValidationError("Hãy chọn “Tất cả các liên đoàn” hoặc ít nhất một liên đoàn nhận bài.")
        return cleaned


@admin.register(ArticlePush)
class ArticlePushAdmin(CheckedInputAdminMixin, admin.ModelAdmin):
    """A federation's editors see the national articles pushed to it, and may hide one or
    choose its section. Pushes are made from the national union's article list, never here;
    the scoped manager keeps every federation to the pushes it received."""

    list_display = ["article_title", "section", "hidden", "pushed_at", "original_link"]
    list_filter = ["hidden", "section"]
    list_select_related = ["article", "section"]
    list_per_page = 50
    fields = ["article_title", "original_link", "pushed_at", "section", "hidden"]
    readonly_fields = ["article_title", "original_link", "pushed_at"]
    actions = ["hide_selected", "show_selected"]

    def has_module_permission(self, request):
        return not is_national_site() and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return not is_national_site() and super().has_view_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return not is_national_site() and super().has_change_permission(request, obj)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # hiding is the receiver's say; withdrawing is the national union's

    @admin.display(description="Bài viết", ordering="article__title")
    def article_title(self, obj):
        return obj.article.title

    @admin.display(description="Bài gốc")
    def original_link(self, obj):
        url = origin_url(_admin_request.get(), obj.article)
        return format_html('<a href="{}" target="_blank" rel="noopener">Xem bài gốc</a>', url)

    # The admin's display callables get no request; the link's scheme and port come from it.
    def changelist_view(self, request, extra_context=None):
        token = _admin_request.set(request)
        try:
            response = super().changelist_view(request, extra_context)
            return response.render() if hasattr(response, "render") else response
        finally:
            _admin_request.reset(token)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        token = _admin_request.set(request)
        try:
            response = super().change_view(request, object_id, form_url, extra_context)
            return response.render() if hasattr(response, "render") else response
        finally:
            _admin_request.reset(token)

    def _set_hidden(self, request, queryset, hidden: bool) -> int:
        count = 0
        with transaction.atomic():
            for push in queryset.select_for_update(of=("self",)):
                if push.hidden != hidden:
                    push.hidden = hidden
                    push.save(update_fields=["hidden"])
                    count += 1
        return count

    @admin.action(description="Ẩn các bài đã chọn trên trang", permissions=["change"])
    def hide_selected(self, request, queryset):
        count = self._set_hidden(request, queryset, True)
        self.message_user(request, f"Đã ẩn {count} bài đăng lại.", messages.SUCCESS)

    @admin.action(description="Hiện lại các bài đã chọn", permissions=["change"])
    def show_selected(self, request, queryset):
        count = self._set_hidden(request, queryset, False)
        self.message_user(request, f"Đã hiện lại {count} bài đăng lại.", messages.SUCCESS)
