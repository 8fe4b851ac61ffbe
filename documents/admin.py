"""The document register in the admin.

As for articles, role rules are enforced on the server (congdoan/editorial_admin.py): writers
(no `documents.publish_document`) see and change only their own drafts, may submit them for
review and never publish; editors publish, unpublish and delete. Issuers and fields are
editors' lists (writers may only pick from them).

Typing a số ký hiệu proposes the kind and the issuer (static/documents/admin-document.js asks
`recognise_view`; the form fills them too when left empty) and a likely duplicate (same number
under any issuer, or same date and trích yếu) is refused until the editor ticks that it is not one.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import JsonResponse
from django.urls import path, reverse
from reversion.admin import VersionAdmin

from congdoan.admin_input import CheckedInputAdminMixin
from congdoan.editorial_admin import EditorialAdminMixin
from congdoan.text import ascii_number
from congdoan.versioning import VersionCheckAdminMixin, VersionCheckFormMixin

from . import admin_import
from . import search as document_search
from .files import check_file
from .models import Document, DocumentFile, DocumentRelation, Issuer, Topic
from .numbers import MAX_NUMBER_LENGTH, check_number, number_key
from .services import publish, recognise, unpublish

PUBLISH_PERMISSION = "documents.publish_document"
WRITER_STATUSES = (Document.Status.DRAFT, Document.Status.REVIEW)


@admin.register(Issuer)
class IssuerAdmin(CheckedInputAdminMixin, VersionAdmin):
    list_display = ["name", "code", "level", "order", "slug"]
    list_editable = ["order"]
    list_filter = ["level"]
    search_fields = ["name", "code"]
    fields = ["name", "code", "level", "order", "slug"]


@admin.register(Topic)
class TopicAdmin(CheckedInputAdminMixin, VersionAdmin):
    list_display = ["name", "order", "slug"]
    list_editable = ["order"]
    search_fields = ["name"]
    fields = ["name", "order", "slug"]


class DocumentFileForm(forms.ModelForm):
    """Checks the file by its content (documents.files) and keeps what was found on the row."""

    class Meta:
        model = DocumentFile
        fields = ["file", "label", "order"]

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload and "file" in self.changed_data:
            try:
                self.instance.apply_check(check_file(upload))
            except forms.ValidationError as error:
                self.add_error("file", error)
        return cleaned


class DocumentFileInline(CheckedInputAdminMixin, admin.TabularInline):
    model = DocumentFile
    form = DocumentFileForm
    extra = 1
    max_num = 30
    fields = ["file", "label", "order", "kind", "size_shown", "text_state"]
    readonly_fields = ["kind", "size_shown", "text_state"]

    @admin.display(description="dung lượng")
    def size_shown(self, obj):
        return obj.size_text if obj.pk else "—"


class DocumentRelationInline(CheckedInputAdminMixin, admin.TabularInline):
    model = DocumentRelation
    fk_name = "source"
    extra = 0
    max_num = 50
    fields = ["kind", "target"]
    autocomplete_fields = ["target"]
    verbose_name = "văn bản này tác động lên"
    verbose_name_plural = "quan hệ với văn bản khác (văn bản này thay thế, bãi bỏ, sửa đổi, hướng dẫn…)"


class DocumentAdminForm(VersionCheckFormMixin, forms.ModelForm):
    not_duplicate = forms.BooleanField(
        label="Không phải văn bản trùng",
        required=False,
        help_text="Chỉ đánh dấu khi trang báo có văn bản giống (cùng số ký hiệu, hoặc cùng ngày và trích yếu) "
        "mà bạn đã xem và chắc chắn đây là văn bản khác.",
    )

    class Meta:
        model = Document
        fields = [
            "number", "kind", "issuer", "title", "slug", "topics", "issued_on", "effective_from",
            "effective_until", "state_override", "signing_prefix", "signing_for", "signer_position",
            "signer_name", "body", "related_articles", "status", "version",
        ]  # fmt: skip
        widgets = {"title": forms.Textarea(attrs={"rows": 3, "cols": 80})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("kind", "issuer"):
            if name in self.fields:
                self.fields[name].required = False  # proposed from the number when left empty
        if "number" in self.fields:
            self.fields["number"].widget.attrs.update(
                {"data-recognise-url": reverse("admin:documents_document_recognise"), "autocomplete": "off"}
            )

    def clean_number(self):
        return check_number(self.cleaned_data.get("number") or "")

    def clean(self):
        cleaned = super().clean()
        number = cleaned.get("number")
        if number and (not cleaned.get("kind") or not cleaned.get("issuer")):
            found = recognise(number)
            if not cleaned.get("kind") and found.kind:
                cleaned["kind"] = found.kind.code
            if not cleaned.get("issuer") and found.issuer:
                cleaned["issuer"] = found.issuer
        for name, message in (
            ("kind", "Hãy chọn loại văn bản (không nhận ra được từ số ký hiệu)."),
            ("issuer", "Hãy chọn cơ quan ban hành (không nhận ra được từ số ký hiệu)."),
        ):
            if name in self.fields and not cleaned.get(name) and name not in self.errors:
                self.add_error(name, message)
        if number and not cleaned.get("not_duplicate") and not self.errors:
            duplicates = list(
                Document.objects.likely_duplicates(
                    number=number,
                    issued_on=cleaned.get("issued_on"),
                    title=cleaned.get("title") or "",
                    exclude_pk=self.instance.pk,
                )[:5]
            )
            if duplicates:
                same_issuer = [doc for doc in duplicates if doc.issuer_id == getattr(cleaned.get("issuer"), "pk", None)]
                listed = "; ".join(f"{doc.number} ({doc.issuer.name}, {doc.issued_on:%d/%m/%Y})" for doc in duplicates)
                if same_issuer and same_issuer[0].number_key == number_key(number):
                    self.add_error("number", f"Cơ quan này đã có văn bản mang số ký hiệu này: {listed}.")
                else:
                    self.add_error(
                        "not_duplicate",
                        f"Có thể trùng với văn bản đã có: {listed}. Hãy kiểm tra; nếu đúng là văn bản khác "
                        "thì đánh dấu “Không phải văn bản trùng” rồi lưu lại.",
                    )
        return cleaned


@admin.register(Document)
class DocumentAdmin(EditorialAdminMixin, CheckedInputAdminMixin, VersionCheckAdminMixin, VersionAdmin):
    class Media:
        js = ["documents/admin-document.js"]

    form = DocumentAdminForm
    change_list_template = "documents/admin/document_change_list.html"
    inlines = [DocumentFileInline, DocumentRelationInline]
    list_display = ["number", "short_title", "kind", "issuer", "issued_on", "status", "file_count"]
    list_display_links = ["number", "short_title"]
    list_filter = ["status", "kind", "issuer", "topics", "issued_on"]
    list_select_related = ["issuer"]
    search_help_text = "Gõ số ký hiệu (viết thế nào cũng được) hoặc vài chữ trong trích yếu, nội dung, tệp đính kèm."
    date_hierarchy = "issued_on"
    autocomplete_fields = ["topics", "related_articles"]
    list_per_page = 50
    save_on_top = True
    actions = ["publish_selected", "unpublish_selected"]
    # Writers draft, editors publish (congdoan.editorial_admin)
    publish_permission = PUBLISH_PERMISSION
    writer_statuses = WRITER_STATUSES
    writer_status_help = "Chọn “Chờ duyệt” khi đã xong để gửi biên tập viên."
    bulk_texts = {
        "publish_selected": (
            "Duyệt đăng các văn bản đã chọn",
            "Duyệt đăng hàng loạt",
            "Đã duyệt đăng {count} văn bản.",
        ),
        "unpublish_selected": (
            "Gỡ khỏi trang (đưa về bản nháp) các văn bản đã chọn",
            "Gỡ văn bản hàng loạt",
            "Đã gỡ {count} văn bản khỏi trang.",
        ),
    }
    readonly_fields = ["published_at", "created_by", "created_at", "updated_by", "updated_at"]
    fieldsets = [
        (
            "Số ký hiệu và cơ quan ban hành",
            {
                "fields": ["number", "kind", "issuer", "not_duplicate", "version"],
                "description": "Gõ số ký hiệu đúng như trên văn bản; loại văn bản và cơ quan ban hành được gợi ý "
                "(kiểm tra lại trước khi lưu).",
            },
        ),
        ("Nội dung", {"fields": ["title", "slug", "topics", "body"]}),
        (
            "Ngày và hiệu lực",
            {
                "fields": [("issued_on", "effective_from", "effective_until"), "state_override"],
                "description": "Ngày viết dạng dd/mm/yyyy. Tình trạng hiệu lực tự tính theo ngày và theo các văn bản "
                "thay thế, bãi bỏ, sửa đổi (ghi ở mục quan hệ bên dưới).",
            },
        ),
        (
            "Người ký",
            {
                "fields": ["signing_prefix", "signing_for", ("signer_position", "signer_name")],
                "description": "Ví dụ: KT. · Chủ tịch · Phó Chủ tịch · Phan Văn Anh; "
                "hoặc TM. · Ban Thường vụ · Chủ tịch · Nguyễn Thị Hạnh.",
            },
        ),
        ("Tin, bài liên quan", {"fields": ["related_articles"]}),
        ("Đăng lên trang", {"fields": ["status", "published_at"]}),
        (
            "Theo dõi",
            {"fields": [("created_by", "created_at"), ("updated_by", "updated_at")], "classes": ["collapse"]},
        ),
    ]

    # --- Who sees and changes what ----------------------------------------------

    def get_queryset(self, request):  # writers see their own (EditorialAdminMixin)
        # Ordered explicitly: the file count groups the rows, and grouped rows drop the model's
        # default order (the autocomplete pages them). The change list's sorting still applies.
        return super().get_queryset(request).annotate(file_total=Count("files")).newest_first()

    def writer_sees(self, request) -> Q:
        visible = super().writer_sees(request)
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name == "autocomplete":
            # Another app's form choosing documents (a Q&A citing its legal basis) finds the
            # published register too: every reader sees it anyway.
            visible |= Q(status=Document.Status.PUBLISHED)
        return visible

    def save_model(self, request, obj, form, change):
        if not self.is_editor(request) and obj.status not in WRITER_STATUSES:
            obj.status = Document.Status.REVIEW  # never trust the form alone
        if not change or obj.created_by_id is None:
            obj.created_by = request.user
        obj.updated_by = request.user
        if obj.status == Document.Status.PUBLISHED:
            publish(document=obj, by=request.user)
        elif change and form.initial.get("status") == Document.Status.PUBLISHED:
            unpublish(document=obj, by=request.user)
        else:
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        form.instance.refresh_search_columns()  # the files' text, now that they are saved

    # --- Number recognition (asked by admin-document.js while typing) -----------

    def get_urls(self):
        return [
            path("nhap-tu-tep/", self.admin_site.admin_view(self.import_view), name="documents_document_import"),
            path(
                "nhan-dien/",
                self.admin_site.admin_view(self.recognise_view),
                name="documents_document_recognise",
            ),
            *super().get_urls(),
        ]

    # --- Import from a table and a ZIP of files (documents.admin_import) --------------

    def changelist_view(self, request, extra_context=None):
        extra = {"can_import": self.has_import_permission(request)}
        return super().changelist_view(request, {**extra, **(extra_context or {})})

    def import_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        return admin_import.import_view(self, request)

    def recognise_view(self, request):
        if not self.has_view_or_change_permission(request) and not self.has_add_permission(request):
            raise PermissionDenied
        raw = request.GET.get("so", "")
        try:
            number = check_number(raw[: MAX_NUMBER_LENGTH * 2])
        except forms.ValidationError as error:
            return JsonResponse({"kind": "", "issuer": None, "duplicates": [], "error": error.messages[0]})
        found = recognise(number)
        exclude = request.GET.get("bo_qua", "")
        exclude_pk = ascii_number(exclude, 17)
        duplicates = Document.objects.likely_duplicates(number=number, issued_on=None, title="", exclude_pk=exclude_pk)
        duplicates = duplicates[:5]
        return JsonResponse(
            {
                "kind": found.kind.code if found.kind else "",
                "kind_name": found.kind.name if found.kind else "",
                "issuer": found.issuer.pk if found.issuer else None,
                "issuer_name": found.issuer.name if found.issuer else "",
                "duplicates": [f"{doc.number} – {doc.issuer.name}, {doc.issued_on:%d/%m/%Y}" for doc in duplicates],
                "error": "",
            }
        )

    # --- Change list ---------------------------------------------------------------

    @admin.display(description="trích yếu", ordering="title")
    def short_title(self, obj):
        return obj.title if len(obj.title) <= 90 else obj.title[:89] + "…"

    @admin.display(description="số tệp", ordering="file_total")
    def file_count(self, obj):
        return obj.file_total

    # --- Publishing, bulk actions and search (EditorialAdminMixin) -------------------

    def publish_one(self, request, document):
        publish(document=document, by=request.user)

    def unpublish_one(self, request, document):
        unpublish(document=document, by=request.user)

    def search_queryset(self, queryset, search_term):
        query = document_search.parse_query(search_term)
        if query.is_empty:
            return None
        exact = list(queryset.with_number(query.number).values_list("pk", flat=True)) if query.number else []
        return document_search.matching(queryset, query, exact_ids=exact)
