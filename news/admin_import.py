"""The admin's "Nhập bài từ tệp" page: a small archive file imported into the request's federation.

Editors (and superusers) upload a .jsonl file, or a .zip holding it with its covers; the page
runs the same import as `manage.py import_articles` (news.importing) and shows the same
line-numbered reasons when the file is refused. The request is the import, so the file is
kept small: ADMIN_MAX_BYTES uploaded (under nginx's 12 MB limit, deploy/nginx.conf) and
ADMIN_MAX_ARTICLES articles: each cover's six renditions take about 0,3 s of CPU (1 s on a
busy machine), so 20 covers stay within gunicorn's 30 s.
"""

import logging

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from congdoan.tenancy import this_federation

from . import importing
from .archive_files import ArchiveUnreadable, megabytes, open_upload

ADMIN_MAX_BYTES = 8 * 1024 * 1024
ADMIN_MAX_JSONL_BYTES = 20 * 1024 * 1024  # unpacked from a .zip: a small ZIP may hide a huge file
ADMIN_MAX_ARTICLES = 20

logger = logging.getLogger(__name__)


class ArchiveUploadForm(forms.Form):
    file = forms.FileField(
        label="Tệp lưu trữ (.jsonl hoặc .zip)",
        help_text=f"Tối đa {ADMIN_MAX_BYTES // 1024 // 1024} MB và {ADMIN_MAX_ARTICLES} bài một lần. Có ảnh đại "
        "diện thì nén tệp .jsonl cùng thư mục ảnh thành một tệp .zip.",
        error_messages={
            "required": "Hãy chọn tệp cần nhập.",
            "invalid": "Không nhận được tệp; hãy chọn lại.",
            "missing": "Không nhận được tệp; hãy chọn lại.",
            "empty": "Tệp trống, không có bài viết nào.",
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > ADMIN_MAX_BYTES:
            raise ValidationError(
                f"Tệp quá lớn ({megabytes(upload.size)} MB); tối đa {ADMIN_MAX_BYTES // 1024 // 1024} MB. "
                "Hãy chia nhỏ tệp, hoặc nhờ quản trị hệ thống chạy lệnh python manage.py import_articles."
            )
        return upload


def import_view(model_admin, request):
    """Upload, check, import; on a refusal the form again with every reason."""
    form = ArchiveUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        federation = getattr(request, "federation", None) or this_federation()
        upload = form.cleaned_data["file"]
        archive = None
        try:
            archive = open_upload(upload, max_jsonl_bytes=ADMIN_MAX_JSONL_BYTES)
            summary = importing.import_archive(
                archive=archive, federation=federation, user=request.user, max_articles=ADMIN_MAX_ARTICLES
            )
        except ArchiveUnreadable as error:
            form.add_error("file", str(error))
        except importing.ImportFailed as failure:
            for problem in failure.problems:
                if problem.line is None:
                    form.add_error("file", problem.message)
                else:
                    problems.append(str(problem))
        except importing.ImportInterrupted as error:
            logger.exception("Archive import interrupted")
            form.add_error(None, str(error))
        else:
            for line in summary.lines():
                model_admin.message_user(request, line, messages.SUCCESS)
            return redirect(reverse("admin:news_article_changelist"))
        finally:
            if archive is not None:
                archive.close()
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Nhập bài từ tệp lưu trữ",
        "form": form,
        "problems": problems,
        "opts": model_admin.model._meta,
        "max_articles": ADMIN_MAX_ARTICLES,
        "federation_name": str(getattr(request, "federation", None) or this_federation()),
    }
    return TemplateResponse(request, "news/admin/article_import.html", context)
