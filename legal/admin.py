"""The advisers' inbox in the admin (group "Tư vấn viên"; editors have the same permissions).

A question goes new → assigned (an adviser is chosen, or takes it) → answered (the first
answer is saved; the asker is mailed a notice) → published (its anonymised public version is
published), or → refused (with a reason the asker reads). The asker's contact details show
only to users with `legal.view_asker_contact` (advisers, editors), read-only, and are in no
list column, search or action reply of anyone else.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from reversion.admin import VersionAdmin

from congdoan.admin_input import CheckedInputAdminMixin
from congdoan.versioning import VersionCheckAdminMixin, VersionCheckedModelForm, VersionCheckInlineMixin

from . import services
from .figures import office_figures
from .models import Adviser, Publication, Question, Status, Topic

CONTACT_PERMISSION = "legal.view_asker_contact"
CONTACT_FIELDS = ("salutation", "asker_name", "phone", "email", "workplace", "place")
CLOSED_ANSWERED = (Status.ANSWERED, Status.PUBLISHED)
CONTACT_FIELDSET = "Người hỏi (không bao giờ công bố)"
PUBLICATION_FIELDS = [
    "title",
    "slug",
    "topic",
    "asker_label",
    "question_text",
    "answer",
    "documents",
    "adviser",
    "published_at",
]


def _messages_for(request, error: services.LegalError) -> None:
    messages.error(request, error.message)


@admin.register(Topic)
class TopicAdmin(CheckedInputAdminMixin, VersionCheckAdminMixin, VersionAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    fields = ["name", "slug", "order", "description"]


@admin.register(Adviser)
class AdviserAdmin(CheckedInputAdminMixin, VersionCheckAdminMixin, VersionAdmin):
    list_display = ["name", "title", "user", "is_active"]
    list_filter = ["is_active"]
    list_select_related = ["user"]
    search_fields = ["name", "title"]
    fields = ["name", "title", "user", "is_active"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # Accounts are network-wide: offer (and accept) only this federation's staff, so an
        # adviser's notices never go to another federation's account. A short list: a select.
        if db_field.name == "user":
            kwargs["queryset"] = (
                get_user_model()
                .objects.filter(is_active=True, is_staff=True, memberships__federation=request.federation)
                .distinct()
                .order_by("username")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class QuestionForm(VersionCheckedModelForm):
    class Meta:
        model = Question
        fields = "__all__"
        widgets = {
            "internal_note": forms.Textarea(attrs={"rows": 4, "cols": 80}),
            "refusal_reason": forms.Textarea(attrs={"rows": 3, "cols": 80}),
        }

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        reason = (cleaned.get("refusal_reason") or "").strip()
        if reason and "refusal_reason" in self.changed_data and instance.status in CLOSED_ANSWERED:
            self.add_error("refusal_reason", "Câu hỏi đã được trả lời nên không từ chối được.")
        if instance.status == Status.REFUSED and "answer" in self.changed_data:
            self.add_error("answer", "Câu hỏi đã bị từ chối: không trả lời được nữa.")
        return cleaned


class PublicationInline(CheckedInputAdminMixin, VersionCheckInlineMixin, admin.StackedInline):
    model = Publication
    extra = 0
    max_num = 1
    can_delete = False
    fields = PUBLICATION_FIELDS
    autocomplete_fields = ["documents"]  # this federation's register (its admin's default manager)
    readonly_fields = ["published_at"]
    verbose_name_plural = "bản công bố ẩn danh (tạo bằng thao tác “Tạo bản công bố ẩn danh” ở danh sách câu hỏi)"


class StatusFilter(admin.SimpleListFilter):
    title = "hộp thư"
    parameter_name = "hop_thu"

    def lookups(self, request, model_admin):
        return [("can-xu-ly", "Cần xử lý (mới gửi, đã giao)"), *Status.choices]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "can-xu-ly":
            return queryset.open()
        if value in Status.values:
            return queryset.filter(status=value)
        return queryset


@admin.register(Question)
class QuestionAdmin(CheckedInputAdminMixin, VersionCheckAdminMixin, VersionAdmin):
    form = QuestionForm
    list_display = ["code", "status_text", "topic", "submitted_text", "adviser", "waiting_days", "allow_publication"]
    list_filter = [StatusFilter, "topic", "adviser", "allow_publication"]
    list_select_related = ["topic", "adviser"]
    search_fields = ["code", "question"]
    date_hierarchy = "submitted_at"
    ordering = ["-submitted_at", "-pk"]
    inlines = [PublicationInline]
    actions = [
        "take_questions",
        "draft_publications",
        "publish_questions",
        "unpublish_questions",
        "export_asker_data",
        "erase_asker_contact",
    ]
    readonly_fields = [
        "code",
        "status",
        "question",
        "submitted_at",
        "consented_at",
        "assigned_at",
        "answered_at",
        "answered_by",
        "refused_at",
        "contact_erased_at",
        "allow_publication",
        *CONTACT_FIELDS,
    ]
    change_list_template = "admin/legal/question/change_list.html"

    def has_add_permission(self, request):
        # Questions come from members (the public form); advisers answer, they do not invent them.
        return False

    fieldsets = [
        ("Câu hỏi", {"fields": ["code", "status", "topic", "question", "allow_publication", "submitted_at"]}),
        (
            CONTACT_FIELDSET,
            {
                "fields": [
                    ("salutation", "asker_name"),
                    ("phone", "email"),
                    ("workplace", "place"),
                    ("consented_at", "contact_erased_at"),
                ]
            },
        ),
        (
            "Xử lý",
            {
                "description": "Chọn tư vấn viên để giao câu hỏi. Lưu câu trả lời lần đầu thì câu hỏi chuyển sang "
                "“Đã trả lời” và người hỏi được báo qua thư điện tử (nếu có). Ghi lý do từ chối thì câu hỏi "
                "chuyển sang “Từ chối”.",
                "fields": [
                    ("adviser", "assigned_at"),
                    "answer",
                    ("answered_at", "answered_by"),
                    "internal_note",
                    ("refusal_reason", "refused_at"),
                ],
            },
        ),
    ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.has_perm(CONTACT_PERMISSION):
            return fieldsets
        return [(name, options) for name, options in fieldsets if name != CONTACT_FIELDSET]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm(CONTACT_PERMISSION):
            actions.pop("export_asker_data", None)
            actions.pop("erase_asker_contact", None)
        return actions

    def get_urls(self):
        return [
            path("so-lieu/", self.admin_site.admin_view(self.figures_view), name="legal_question_figures"),
            *super().get_urls(),
        ]

    def figures_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": "Số liệu Văn phòng tư vấn pháp luật",
            "opts": self.model._meta,
            "figures": office_figures(now=timezone.now()),
        }
        return TemplateResponse(request, "admin/legal/question/figures.html", context)

    @admin.display(description="tình trạng", ordering="status")
    def status_text(self, obj):
        return format_html(
            '<span class="legal-status legal-status--{}">{}</span>', obj.status, obj.get_status_display()
        )

    @admin.display(description="gửi lúc", ordering="submitted_at")
    def submitted_text(self, obj):
        return timezone.localtime(obj.submitted_at).strftime("%H:%M %d/%m/%Y")

    @admin.display(description="số ngày chờ")
    def waiting_days(self, obj):
        if not obj.is_open:
            return "—"
        return str((timezone.now() - obj.submitted_at).days)

    def save_model(self, request, obj, form, change):
        adviser_changed = "adviser" in form.changed_data
        answer_changed = "answer" in form.changed_data
        reason_given = "refusal_reason" in form.changed_data and obj.refusal_reason.strip()
        super().save_model(request, obj, form, change)
        now = timezone.now()
        try:
            if adviser_changed and obj.adviser_id and obj.is_open:
                services.assign(question=obj, adviser=obj.adviser, now=now)
            if answer_changed and services.record_answer(
                question=obj,
                adviser=_adviser_of(request.user),
                now=now,
                answer_url=request.build_absolute_uri(reverse("legal:lookup")),
            ):
                messages.success(request, f"Câu hỏi {obj.code} đã chuyển sang “Đã trả lời”.")
            if reason_given and obj.is_open:
                services.refuse(question=obj, reason=obj.refusal_reason, now=now)
        except services.LegalError as error:
            _messages_for(request, error)

    # --- Actions ------------------------------------------------------------------

    @admin.action(description="Nhận trả lời các câu hỏi đã chọn")
    def take_questions(self, request, queryset):
        adviser = _adviser_of(request.user)
        if adviser is None:
            messages.error(request, "Tài khoản của bạn chưa có hồ sơ tư vấn viên (mục “Tư vấn viên”).")
            return
        taken = 0
        for question in queryset:
            try:
                services.assign(question=question, adviser=adviser, now=timezone.now())
                taken += 1
            except services.LegalError as error:
                _messages_for(request, error)
        if taken:
            messages.success(request, f"Đã nhận {taken} câu hỏi.")

    @admin.action(description="Tạo bản công bố ẩn danh")
    def draft_publications(self, request, queryset):
        for question in queryset.select_related("topic", "adviser", "answered_by"):
            try:
                services.draft_publication(question=question)
            except services.LegalError as error:
                _messages_for(request, error)
            else:
                messages.success(
                    request,
                    f"Đã tạo bản công bố của {question.code}: hãy mở câu hỏi, sửa bản công bố cho ẩn danh rồi công bố.",
                )

    @admin.action(description="Công bố bản ẩn danh")
    def publish_questions(self, request, queryset):
        for question in queryset:
            publication = Publication.objects.filter(question=question).first()
            if publication is None:
                messages.error(request, f"Câu hỏi {question.code} chưa có bản công bố.")
                continue
            try:
                services.publish(publication=publication, now=timezone.now())
            except services.LegalError as error:
                _messages_for(request, error)
            else:
                messages.success(request, f"Đã công bố {question.code}.")

    @admin.action(description="Thôi công bố")
    def unpublish_questions(self, request, queryset):
        for publication in Publication.objects.filter(question__in=queryset, published_at__isnull=False):
            services.unpublish(publication=publication)
            messages.success(request, f"Đã thôi công bố “{publication.title}”.")

    @admin.action(description="Xuất dữ liệu của người hỏi (theo yêu cầu của người đó)")
    def export_asker_data(self, request, queryset):
        body = services.export_asker_data(queryset.select_related("topic"))
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="du-lieu-nguoi-hoi.json"'
        response["Cache-Control"] = "no-store"
        return response

    @admin.action(description="Xóa thông tin liên hệ của người hỏi (theo yêu cầu của người đó)")
    def erase_asker_contact(self, request, queryset):
        now = timezone.now()
        count = 0
        for question in queryset:
            services.erase_contact(question=question, now=now)
            count += 1
        messages.success(request, f"Đã xóa thông tin liên hệ của {count} câu hỏi.")


def _adviser_of(user) -> Adviser | None:
    return Adviser.objects.filter(user=user).first() if user.is_authenticated else None


@admin.register(Publication)
class PublicationAdmin(CheckedInputAdminMixin, VersionCheckAdminMixin, VersionAdmin):
    list_display = ["title", "topic", "asker_label", "adviser", "published_text", "is_published_icon"]
    list_filter = ["topic", "adviser"]
    list_select_related = ["topic", "adviser"]
    search_fields = ["title", "question_text"]
    fields = PUBLICATION_FIELDS
    autocomplete_fields = ["documents"]  # this federation's register (its admin's default manager)
    readonly_fields = ["published_at"]
    actions = ["publish_selected", "unpublish_selected"]

    def has_add_permission(self, request):
        # Made from an answered question ("Tạo bản công bố ẩn danh"), never from nothing.
        return False

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.is_published else None

    @admin.display(description="công bố lúc", ordering="published_at")
    def published_text(self, obj):
        return timezone.localtime(obj.published_at).strftime("%H:%M %d/%m/%Y") if obj.published_at else "—"

    @admin.display(description="đã công bố", boolean=True)
    def is_published_icon(self, obj):
        return obj.is_published

    @admin.action(description="Công bố")
    def publish_selected(self, request, queryset):
        for publication in queryset.select_related("question"):
            try:
                services.publish(publication=publication, now=timezone.now())
            except services.LegalError as error:
                _messages_for(request, error)
            else:
                messages.success(request, f"Đã công bố “{publication.title}”.")

    @admin.action(description="Thôi công bố")
    def unpublish_selected(self, request, queryset):
        for publication in queryset.select_related("question").filter(published_at__isnull=False):
            services.unpublish(publication=publication)
            messages.success(request, f"Đã thôi công bố “{publication.title}”.")
