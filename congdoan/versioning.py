"""Optimistic locking for everything several editors edit (django-concurrency underneath).

A versioned row carries a `version` that changes on every save. The admin form posts back the
version the editor started from; when another save came in between, the form refuses with a
Vietnamese message and keeps everything the editor typed (`VersionCheckFormMixin`). The model
check (django-concurrency) also refuses a stale save from code. Restoring from history
(django-reversion revert/recover, fixtures, backups) is a deliberate overwrite and skips both.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from concurrency import forms as concurrency_forms
from concurrency.exceptions import VersionError
from concurrency.fields import IntegerVersionField
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import timezone

# True while django-reversion rewrites rows from their history (revert/recover). A context
# variable, not a class attribute, so other requests keep their checks.
_restoring_history = ContextVar("congdoan_restoring_history", default=False)


@contextmanager
def restoring_history():
    token = _restoring_history.set(True)
    try:
        yield
    finally:
        _restoring_history.reset(token)


class VersionFormField(concurrency_forms.VersionField):
    """django-concurrency's signed hidden field; a tampered value is a form error, not a 400 page."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except VersionError:
            raise ValidationError(
                "Biểu mẫu gửi lên không còn nguyên vẹn (số phiên bản sai). Hãy mở lại trang và nhập lại.",
                code="bad_version",
            ) from None


class VersionField(IntegerVersionField):
    # Time-based, so a version number never comes back after a revert (no ABA conflict miss).
    form_class = VersionFormField


class VersionedModel(models.Model):
    version = VersionField("phiên bản", help_text="Tự tăng sau mỗi lần lưu, để biết có người khác vừa sửa.")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            # A partial save (update_or_create, a service) is still a change an open form must not undo.
            kwargs["update_fields"] = {*update_fields, "version"}
        super().save(*args, **kwargs)

    @property
    def _concurrency_disabled(self) -> bool:
        """Read by django-concurrency before its version check.

        An object built in code with an existing pk (the singletons' `pk = 1`) replaces that
        row on purpose; it has no version to compare.
        """
        return self.__dict__.get("_concurrency_off", False) or self._state.adding or _restoring_history.get()

    @_concurrency_disabled.setter
    def _concurrency_disabled(self, value: bool) -> None:
        self.__dict__["_concurrency_off"] = value


@receiver(pre_save, dispatch_uid="congdoan-version-raw-restore")
def allow_raw_restore(sender, instance, raw=False, **kwargs):
    """Raw saves (fixtures, reversion, restore) write stored rows on purpose: no conflict check."""
    if raw and isinstance(instance, VersionedModel):
        instance._concurrency_disabled = True


def _last_change(instance) -> tuple[str, str]:
    """(who, when) of the save that made the editor's copy stale, as well as the database knows."""
    model = type(instance)
    fields = {field.name for field in model._meta.concrete_fields}
    row = model._base_manager.filter(pk=instance.pk)
    who = when = None
    if "updated_by" in fields:
        who = row.values_list("updated_by__username", flat=True).first()
    if "updated_at" in fields:
        when = row.values_list("updated_at", flat=True).first()
    if who is None or when is None:
        from django.contrib.admin.models import LogEntry
        from django.contrib.contenttypes.models import ContentType

        entry = (
            LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model), object_id=str(instance.pk))
            .select_related("user")
            .order_by("-action_time")
            .first()
        )
        if entry is not None:
            who = who or entry.user.get_username()
            when = when or entry.action_time
    when_text = f" lúc {timezone.localtime(when):%H:%M:%S %d/%m/%Y}" if when else ""
    return who or "một người khác", when_text


class VersionCheckFormMixin:
    """For ModelForms (admin forms and inline forms) of a VersionedModel."""

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        if instance.pk is None or "version" not in cleaned or _restoring_history.get():
            return cleaned
        # The admin saves inside a transaction: locking the row here makes a second,
        # simultaneous save wait and then see the new version (no silent overwrite).
        current = (
            type(instance)
            ._base_manager.select_for_update(of=("self",))
            .filter(pk=instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if current is not None and current != cleaned["version"]:
            who, when = _last_change(instance)
            what = type(instance)._meta.verbose_name
            raise ValidationError(
                "Không lưu được vì %(what)s này vừa được %(who)s sửa%(when)s, sau khi bạn mở nó. "
                "Nội dung bạn nhập vẫn còn nguyên trong biểu mẫu dưới đây: hãy chép lại phần đã sửa, "
                "mở %(what)s trong thẻ mới để xem bản mới nhất, rồi đưa phần của bạn vào đó.",
                code="conflict",
                params={"what": what, "who": who, "when": when},
            )
        return cleaned


class VersionCheckedModelForm(VersionCheckFormMixin, forms.ModelForm):
    pass


def _with_version(fieldsets):
    """The admin renders only the fields of its fieldsets: add the hidden version to the first."""
    rows = [row if isinstance(row, (list, tuple)) else [row] for _, options in fieldsets for row in options["fields"]]
    if any("version" in row for row in rows):
        return fieldsets
    (name, options), *rest = fieldsets
    return [(name, {**options, "fields": [*options["fields"], "version"]}), *rest]


class VersionCheckInlineMixin:
    """For InlineModelAdmins of a VersionedModel (a row edited from two places)."""

    form = VersionCheckedModelForm

    def get_fieldsets(self, request, obj=None):
        return _with_version(super().get_fieldsets(request, obj))


class VersionCheckAdminMixin(VersionCheckInlineMixin):
    """For ModelAdmins of a VersionedModel; with django-reversion, reverting skips the check."""

    def _reversion_revisionform_view(self, request, version, template_name, extra_context=None):
        # Revert/recover rewrite rows from history (inlines too): a deliberate overwrite.
        with restoring_history():
            return super()._reversion_revisionform_view(request, version, template_name, extra_context)
