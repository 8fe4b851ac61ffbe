"""Hostile values typed or posted into admin forms become form errors, not 500s.

- An id beyond the database's integers (a tag id of 2**70) crashed the query that checks it
  (SQLite: OverflowError; PostgreSQL: "out of range"), and again when the autocomplete widget
  re-rendered it. Ids are checked to be plain ASCII integers within the column's range first.
- A date in year 0001 overflowed when converted to UTC for the database (Asia/Ho_Chi_Minh is
  ahead of UTC). Every date and time in the admin must fall within a sane range of years,
  1900–2100 unless the model field declares its own `YearRangeValidator`.
- A posted row count of 2**70 made Django build and render 2.000 empty inline rows (40 s,
  past the worker's timeout). A count beyond the inline's `max_num` is refused (Django's own
  "at most N" error) without building the rows.
Every ModelAdmin and inline of the project includes `CheckedInputAdminMixin`.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import connection
from django.forms.formsets import DEFAULT_MAX_NUM, TOTAL_FORM_COUNT

from .validators import YearRangeValidator

_INTEGER = re.compile(r"-?[0-9]+")


DEFAULT_YEARS = YearRangeValidator()


def year_range_for(db_field) -> YearRangeValidator:
    return next((v for v in db_field.validators if isinstance(v, YearRangeValidator)), DEFAULT_YEARS)


class CheckedIdsMixin:
    """For model choice fields: an id the database could not even compare is an invalid choice."""

    def _valid_id(self, value) -> bool:
        if value in self.empty_values or hasattr(value, "_meta"):
            return True
        key = self.queryset.model._meta.get_field(self.to_field_name) if self.to_field_name else None
        key = key or self.queryset.model._meta.pk
        bounds = connection.ops.integer_field_ranges.get(key.get_internal_type())
        if bounds is None:
            return True
        text = str(value).strip()
        return bool(_INTEGER.fullmatch(text)) and bounds[0] <= int(text) <= bounds[1]


class CheckedModelChoiceField(CheckedIdsMixin, forms.ModelChoiceField):
    def to_python(self, value):
        if not self._valid_id(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)

    def bound_data(self, data, initial):
        # Re-rendering the form (an autocomplete widget looks the value up) must not query it.
        return data if self._valid_id(data) else initial


class CheckedModelMultipleChoiceField(CheckedIdsMixin, forms.ModelMultipleChoiceField):
    default_error_messages = {"invalid_pk_value": "“%(pk)s” không phải là giá trị hợp lệ."}

    def _check_values(self, value):
        for pk in value:
            if not self._valid_id(pk):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)

    def bound_data(self, data, initial):
        if isinstance(data, (list, tuple)):
            return [pk for pk in data if self._valid_id(pk)]
        return data


class CheckedInlineFormSet(forms.BaseInlineFormSet):
    default_error_messages = {"too_many_forms": "Chỉ được có tối đa %(num)d dòng."}

    def total_form_count(self):
        if not self.is_bound:
            return super().total_form_count()
        management = self.management_form
        if management.is_valid() and management.cleaned_data[TOTAL_FORM_COUNT] > self.absolute_max:
            return min(self.initial_form_count(), self.absolute_max)
        return super().total_form_count()


class CheckedInputAdminMixin:
    """For every ModelAdmin and InlineModelAdmin of the project."""

    formset = CheckedInlineFormSet  # inlines only

    def get_formset(self, request, obj=None, **kwargs):  # inlines only
        kwargs.setdefault("absolute_max", self.get_max_num(request, obj, **kwargs) or DEFAULT_MAX_NUM)
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", CheckedModelChoiceField)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", CheckedModelMultipleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(formfield, (forms.DateField, forms.DateTimeField, forms.SplitDateTimeField)):
            formfield.validators.append(year_range_for(db_field))
        return formfield
