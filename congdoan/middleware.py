"""Security headers of every response (the page cache is congdoan.caching.pages)."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with a strict policy for the public site and a looser one for the admin.

    CKEditor 4 in the admin needs inline styles and scripts and same-origin frames
    (its upload dialog posts into an iframe); readers' pages need none of that.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and request.path_info.startswith(("/admin/", "/ckeditor/")):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        return parts


class PermissionsPolicyMiddleware:
    """Tell browsers this site uses no camera, microphone, location or payment features."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
