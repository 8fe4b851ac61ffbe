"""The registration form's unit select (contests.forms.UnitSelect) writes exactly what Django's
own select templates write, in Python: its templates cost 27–34 ms of CPU per form."""

import pytest
from django import forms

from contests.forms import RegistrationForm, UnitSelect

from .factories import UnitFactory

pytestmark = pytest.mark.django_db


def django_select(field_name: str, form, value=None, attrs=None) -> str:
    """The same field rendered by Django's own Select widget and templates."""
    field = form.fields[field_name]
    widget = forms.Select(choices=field.choices)
    widget.is_required = field.required
    return widget.render(field_name, value, attrs=attrs)


@pytest.fixture
def units(unit):
    UnitFactory(name='Công đoàn "Cơ sở" <Ba Bể> & Na Rì')
    UnitFactory(name="Công đoàn Trường Mầm non Hoa Mai")
    return unit


def test_the_unit_select_is_djangos_markup(contest, units):
    form = RegistrationForm(contest=contest)
    field = form.fields["unit"]
    assert isinstance(field.widget, UnitSelect)
    ours = field.widget.render("unit", None, attrs={"id": "id_unit", "required": True})
    assert ours == django_select("unit", form, attrs={"id": "id_unit", "required": True})
    assert "&lt;Ba Bể&gt; &amp; Na Rì" in ours and "&quot;Cơ sở&quot;" in ours
    assert ours.count("<option") == 4  # the empty choice and three units


def test_a_chosen_unit_stays_selected_as_django_marks_it(contest, units):
    form = RegistrationForm(contest=contest)
    chosen = str(units.pk)
    attrs = {"id": "id_unit", "aria-invalid": "true", "disabled": False}
    ours = form.fields["unit"].widget.render("unit", chosen, attrs=attrs)
    assert ours == django_select("unit", form, value=chosen, attrs=attrs)
    assert f'<option value="{chosen}" selected>' in ours


def test_grouped_choices_are_written_as_django_writes_them():
    choices = [("", "— Chọn —"), ("Khối <A>", [("1", "Một"), ("2", "Hai & ba")]), ("3", "Ba")]
    ours = UnitSelect(choices=choices).render("unit", "2", attrs={"id": "id_unit"})
    assert ours == forms.Select(choices=choices).render("unit", "2", attrs={"id": "id_unit"})
    assert '<optgroup label="Khối &lt;A&gt;">' in ours


def test_the_registration_page_shows_the_select(client, contest, units):
    import re

    html = client.get(f"/cuoc-thi/{contest.slug}/dang-ky/").content.decode()
    select = re.search(r'<select name="unit"[^>]*>.*?</select>', html, re.S).group(0)
    tag = re.match(r"<select[^>]*>", select).group(0)
    attrs = {name: value or True for name, value in re.findall(r' ([^\s=>]+)(?:="([^"]*)")?', tag)}
    attrs.pop("name")
    assert select == django_select("unit", RegistrationForm(contest=contest), attrs=attrs)
    labels = re.findall(r"<option[^>]*>([^<]*)</option>", select)
    assert labels[0] == "— Chọn đơn vị —" and len(labels) == 4
