"""The admin site of the request's federation."""

import logging

from django.contrib import messages
from django.contrib.admin import AdminSite, ModelAdmin, helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404

from .tenancy import current_federation, federation_path
from .text import ascii_number

logger = logging.getLogger(__name__)


class FederationHistoryMixin:
    """django-reversion's history pages, kept to the federation's own rows.

    Its recover and revision views look versions up by id, whatever the model or its owner,
    and its list of deleted rows spans the database: another federation's deleted article
    could be read, or restored, by crafting a version id.
    """

    def _version_is_here(self, version) -> bool:
        if version.content_type.model_class() is not self.model:
            return False
        path = federation_path(self.model)
        federation = current_federation()
        if path is None or federation is None:
            return True  # network-wide rows: national editors only (congdoan.tenancy)
        try:
            values = version.field_dict
        except Exception:  # a version of an older shape of the model: not recoverable anyway
            return False
        owner = self.model._meta.get_field(path.split("__")[0])
        owner_id = values.get(owner.attname, values.get(owner.name))
        if owner.name == "federation":
            return owner_id == federation.pk
        return owner.related_model._default_manager.filter(pk=owner_id).exists()

    def _reversion_order_version_queryset(self, request, queryset):
        ordered = super()._reversion_order_version_queryset(request, queryset)
        return [version for version in ordered if self._version_is_here(version)]

    def recover_view(self, request, version_id, extra_context=None):
        from reversion.models import Version

        pk = ascii_number(version_id, 18)
        if pk is None or not self._version_is_here(get_object_or_404(Version, pk=pk)):
            raise Http404
        return super().recover_view(request, version_id, extra_context)

    def _malformed(self, object_id) -> bool:
        return malformed_key(self.model._meta.pk, unquote(object_id))

    def history_view(self, request, object_id, extra_context=None):
        if self._malformed(object_id):
            raise Http404
        return super().history_view(request, object_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        if self._malformed(object_id) or ascii_number(version_id, 18) is None:
            raise Http404
        try:
            here = self.get_queryset(request).filter(pk=unquote(object_id)).exists()
        except (ValueError, ValidationError, OverflowError):
            here = False
        if not here:
            raise Http404
        return super().revision_view(request, object_id, version_id, extra_context)


def malformed_key(field, key: str) -> bool:
    """A value no row can hold in the key `field`: an integer not in ASCII digits (at most 18;
    Django's lookup reads "١" or "１" as 1 and fails on "²"), or any key with a NUL (PostgreSQL
    refuses such a query outright)."""
    if isinstance(field, models.IntegerField):
        return ascii_number(key, 18) is None
    return "\x00" in key


class CheckedChangelistMixin:
    """Keys and filters no query can hold, on every admin: a list's filter value (an id past
    what the database stores, year 1 of a date hierarchy: Python's dates refuse it once moved
    to UTC) gets Django's answer to a wrong filter, a redirect to the plain list (`?e=1`); an
    object address with such a key is "không tồn tại"; an action on such keys changes nothing.
    Never a 500."""

    def get_object(self, request, object_id, from_field=None):
        field = self.model._meta.pk if from_field is None else self.model._meta.get_field(from_field)
        if malformed_key(field, object_id):
            return None
        return super().get_object(request, object_id, from_field)

    def get_changelist_instance(self, request):
        try:
            return super().get_changelist_instance(request)
        except (OverflowError, ValueError) as error:
            logger.info("Changelist filter refused on %s: %s", request.path, error)
            raise IncorrectLookupParameters(error) from error

    def response_action(self, request, queryset):
        """An action on selected rows whose keys no row can have ("²", "1.5", a NUL) changes
        nothing and says so, where Django's lookup answered 500."""
        selected = request.POST.getlist(helpers.ACTION_CHECKBOX_NAME)
        if any(malformed_key(self.model._meta.pk, key) for key in selected):
            self.message_user(request, "Mục đã chọn không hợp lệ. Không có mục nào bị thay đổi.", messages.WARNING)
            return None
        return super().response_action(request, queryset)


class FederationAdminSite(AdminSite):
    """The admin of the request's federation: open to its staff (a role there) and superusers.

    Every model's admin sees the federation's rows only (the default managers, see
    congdoan.tenancy); history pages are kept to them too (`FederationHistoryMixin`, added
    here to every django-reversion admin, so no app has to remember it); every list refuses
    filter values its query cannot hold (`CheckedChangelistMixin`, third-party admins too)."""

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or ModelAdmin
        mixins = [CheckedChangelistMixin]
        if hasattr(admin_class, "revision_view"):
            mixins.append(FederationHistoryMixin)
        missing = tuple(mixin for mixin in mixins if not issubclass(admin_class, mixin))
        if missing:
            admin_class = type(admin_class.__name__, (*missing, admin_class), {})
        return super().register(model_or_iterable, admin_class, **options)

    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        user = request.user
        if user.is_superuser:
            return True
        federation = getattr(request, "federation", None)
        return federation is not None and user.memberships.filter(federation=federation).exists()
