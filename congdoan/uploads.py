"""The editor's image uploader: django-ckeditor's stock view, hardened.

The stock `ckeditor_uploader` upload view is csrf_exempt, accepts any file type,
trusts the file name and reflects `CKEditorFuncNum` into a script. This one is
staff-only, CSRF-protected, image-only (format detected by Pillow, extension
must match), bounded in bytes and pixels, and refuses a non-numeric FuncNum.
"""

import json

from ckeditor_uploader import views as ckeditor_views
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import HttpResponse, HttpResponseForbidden, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .images import check_image, clean_filename, dated_upload_dir

MAX_FUNC_NUM_LENGTH = 6


def _is_staff(request) -> bool:
    """Staff of this federation (a role here), as for the admin itself."""
    from django.contrib import admin

    return admin.site.has_permission(request)


def _ckeditor_reply(func_num: str | None, url: str = "", message: str = "", status: int = 200):
    if func_num:
        # func_num is digits only; url and message are JSON-encoded with "<" escaped.
        url_js = json.dumps(url).replace("<", "\\u003c")
        message_js = json.dumps(message).replace("<", "\\u003c")
        script = f"<script>window.parent.CKEDITOR.tools.callFunction({func_num}, {url_js}, {message_js});</script>"
        return HttpResponse(script, status=status, content_type="text/html; charset=utf-8")
    if message:
        return JsonResponse({"uploaded": 0, "error": {"message": message}}, status=status)
    return JsonResponse({"uploaded": 1, "fileName": url.rsplit("/", 1)[-1], "url": url}, status=status)


def _csrf_failure(request):
    """Run Django's CSRF check; CKEditor sends the token as the `ckCsrfToken` field."""
    token = request.POST.get("ckCsrfToken")
    if token and "HTTP_X_CSRFTOKEN" not in request.META:
        request.META["HTTP_X_CSRFTOKEN"] = token
    return CsrfViewMiddleware(lambda req: None).process_view(request, None, (), {})


@csrf_exempt  # exempt from the middleware only because the check runs below, after auth
@xframe_options_sameorigin  # CKEditor's upload dialog reads the reply in a same-origin iframe
@require_POST
def upload(request):
    if not _is_staff(request):
        return HttpResponseForbidden("Chỉ cán bộ quản trị đã đăng nhập mới được tải ảnh lên.")
    func_num = request.GET.get("CKEditorFuncNum") or None
    if func_num is not None and not (
        func_num.isascii() and func_num.isdigit() and len(func_num) <= MAX_FUNC_NUM_LENGTH
    ):
        return HttpResponse(
            "Tham số CKEditorFuncNum không hợp lệ.", status=400, content_type="text/plain; charset=utf-8"
        )
    failure = _csrf_failure(request)
    if failure is not None:
        return failure

    uploaded = request.FILES.get("upload")
    if uploaded is None:
        return _ckeditor_reply(func_num, message="Chưa chọn tệp ảnh để tải lên.", status=400)
    try:
        image = check_image(uploaded)
    except ValidationError as error:
        return _ckeditor_reply(func_num, message=" ".join(error.messages), status=400)

    name = clean_filename(uploaded.name, extension=image.extension)
    saved = default_storage.save(f"{dated_upload_dir(folder=request.federation.code)}/{name}", uploaded)
    return _ckeditor_reply(func_num, url=default_storage.url(saved))


@never_cache
def browse(request):
    if not _is_staff(request):
        return HttpResponseForbidden("Chỉ cán bộ quản trị đã đăng nhập mới được xem kho ảnh.")
    # Each federation's images are in its own folder, and its staff browse only that one
    # (django-ckeditor reads the folder from the user: CKEDITOR_RESTRICT_BY_USER).
    request.user.upload_folder = request.federation.code
    return ckeditor_views.browse(request)
