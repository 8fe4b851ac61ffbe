"""Post an admin add/change form back as a browser would, from what the page rendered."""

import datetime

from django import forms
from django.utils import timezone


def field_data(bound_field) -> dict:
    """{input name: posted value} for one rendered form field (files left out)."""
    field, name = bound_field.field, bound_field.html_name
    value = bound_field.value()
    if isinstance(field, forms.FileField):
        return {}
    if isinstance(field, forms.SplitDateTimeField):
        if isinstance(value, list):
            return {f"{name}_0": value[0] or "", f"{name}_1": value[1] or ""}
        local = timezone.localtime(value) if value else None
        return {
            f"{name}_0": local.strftime("%d/%m/%Y") if local else "",
            f"{name}_1": local.strftime("%H:%M:%S") if local else "",
        }
    if isinstance(field, forms.ModelMultipleChoiceField):
        return {name: [str(v) for v in (value or [])]}
    if isinstance(field, forms.BooleanField):
        return {name: "on"} if value else {}
    if isinstance(value, datetime.datetime):
        return {name: timezone.localtime(value).strftime("%d/%m/%Y %H:%M:%S")}
    if isinstance(value, datetime.date):
        return {name: value.strftime("%d/%m/%Y")}
    if isinstance(value, (list, tuple)):
        return {name: [str(v) for v in value]}
    return {name: "" if value is None else str(value)}


def admin_forms(response):
    """The main form and every existing inline row's form of a rendered admin page."""
    yield response.context["adminform"].form
    for inline in response.context.get("inline_admin_formsets", []):
        yield from inline.formset.initial_forms


def form_data(response, **overrides) -> dict:
    """Everything the rendered add/change page would post, existing inline rows included
    (extra blank rows left out), then `overrides`."""
    data = {}
    for form in admin_forms(response):
        for name in form.fields:
            data.update(field_data(form[name]))
    for inline in response.context.get("inline_admin_formsets", []):
        management = inline.formset.management_form
        for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
            data[management[name].html_name] = str(management[name].value())
        data[management["TOTAL_FORMS"].html_name] = str(management["INITIAL_FORMS"].value())
    data.update(overrides)
    return data


def form_errors(response) -> list:
    """Every error the re-rendered page shows (main form, inline rows, formsets)."""
    errors = []
    for form in admin_forms(response):
        errors += [(name, message) for name, messages in form.errors.items() for message in messages]
    for inline in response.context.get("inline_admin_formsets", []):
        errors += [("formset", message) for message in inline.formset.non_form_errors()]
        errors += [(name, m) for form in inline.formset.forms for name, ms in form.errors.items() for m in ms]
    return errors
