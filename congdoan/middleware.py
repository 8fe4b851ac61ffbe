"""Security headers of every response (the page cache is congdoan.caching.pages)."""

from csp.constants import HEADER
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

_ADMIN_PREFIXES = ("/admin/", "/ckeditor/")

# The header each of the two policies makes, built once: django-csp builds it anew on every
# response (about a fifth of a bare request's CPU), though without a nonce or a view's own
# changes it depends only on the settings.
_built_policies: dict[bool, str] = {}


@receiver(setting_changed)
def _forget_built_policies(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _built_policies.clear()


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with a strict policy for the public site and a looser one for the admin.

    CKEditor 4 in the admin needs inline styles and scripts and same-origin frames
    (its upload dialog posts into an iframe); readers' pages need none of that.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and request.path_info.startswith(_ADMIN_PREFIXES):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        return parts

    def process_response(self, request, response):
        if not self._settings_policy_only(request, response):
            return super().process_response(request, response)
        if "Content-Security-Policy" not in response and not getattr(response, "_csp_exempt", False):
            admin = request.path_info.startswith(_ADMIN_PREFIXES)
            if admin not in _built_policies:
                parts = self.get_policy_parts(request, response)
                _built_policies[admin] = build_policy(config=parts.config)
            response[HEADER] = _built_policies[admin]
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response

    @staticmethod
    def _settings_policy_only(request, response) -> bool:
        """The response gets one of the settings' two policies unchanged: no nonce was used,
        no view changed the policy, and there is no report-only policy or excluded prefix."""
        per_response = [f"_csp_{change}{kind}" for change in ("config", "update", "replace") for kind in ("", "_ro")]
        return (
            getattr(request, "_csp_nonce", None) is None
            and not any(hasattr(response, name) for name in per_response)
            and not settings.CONTENT_SECURITY_POLICY_REPORT_ONLY
            and not settings.CONTENT_SECURITY_POLICY.get("EXCLUDE_URL_PREFIXES")
            and not settings.DEBUG
        )


class PermissionsPolicyMiddleware:
    """Tell browsers this site uses no camera, microphone, location or payment features."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
