"""The admin's "Nhập văn bản từ tệp" page: a table and a ZIP of files, imported into the request's
federation by the same code as `manage.py import_documents` (documents.importing).

The request is the import, so uploads stay small: together under nginx's 12 MB request limit
(deploy/nginx.conf) and a page of checks that ends within gunicorn's 30 s (reading a 30-page PDF's
text takes about 0,2 s). A whole register goes through the command.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from congdoan.tenancy import this_federation
from news.archive_files import megabytes

from . import importing

ADMIN_MAX_TABLE_BYTES = 2 * 1024 * 1024
ADMIN_MAX_ZIP_BYTES = 9 * 1024 * 1024
FILE_ERRORS = {
    "invalid": "Không nhận được tệp; hãy chọn lại.",
    "missing": "Không nhận được tệp; hãy chọn lại.",
    "empty": "Tệp trống.",
}


class DocumentImportForm(forms.Form):
    table = forms.FileField(
        label="Bảng văn bản (.csv hoặc .xlsx)",
        help_text=f"Mỗi dòng một văn bản, tối đa {ADMIN_MAX_TABLE_BYTES // 1024 // 1024} MB.",
        error_messages={"required": "Hãy chọn bảng văn bản cần nhập.", **FILE_ERRORS},
    )
    files = forms.FileField(
        label="Tệp nén các văn bản (.zip)",
        required=False,
        help_text=f"Các tệp PDF, Word, Excel mà cột “Tệp” nhắc tới, tối đa {ADMIN_MAX_ZIP_BYTES // 1024 // 1024} MB. "
        "Lớn hơn thì nhờ quản trị hệ thống chạy lệnh python manage.py import_documents.",
        error_messages=FILE_ERRORS,
    )
    publish = forms.BooleanField(
        label="Đăng ngay các văn bản mới",
        required=False,
        initial=True,
        help_text="Bỏ chọn để các văn bản mới ở trạng thái bản nháp. Văn bản đã có giữ nguyên trạng thái.",
    )

    def _limited(self, name: str, limit: int):
        upload = self.cleaned_data.get(name)
        if upload and upload.size > limit:
            raise ValidationError(f"Tệp quá lớn ({megabytes(upload.size)} MB); tối đa {limit // 1024 // 1024} MB.")
        return upload

    def clean_table(self):
        return self._limited("table", ADMIN_MAX_TABLE_BYTES)

    def clean_files(self):
        return self._limited("files", ADMIN_MAX_ZIP_BYTES)


def import_view(model_admin, request):
    form = DocumentImportForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            result = importing.import_documents(
                table=form.cleaned_data["table"],
                files=form.cleaned_data.get("files"),
                user=request.user,
                publish=form.cleaned_data["publish"],
            )
        except importing.ImportFailed as failure:
            errors = failure.errors
        else:
            model_admin.message_user(request, result.summary(), messages.SUCCESS)
            for note in result.notes:
                model_admin.message_user(request, note, messages.WARNING)
            return redirect(reverse("admin:documents_document_changelist"))
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Nhập văn bản từ tệp",
        "form": form,
        "errors": errors,
        "columns_help": importing.COLUMNS_HELP,
        "opts": model_admin.model._meta,
        "federation_name": str(getattr(request, "federation", None) or this_federation()),
    }
    return TemplateResponse(request, "documents/admin/import.html", context)
