import pytest

from congdoan.fields import RichTextField, RichTextFormField
from congdoan.widgets import RichTextWidget


class Holder:
    body = ""


def make_field():
    field = RichTextField()
    field.set_attributes_from_name("body")
    return field


def test_rich_text_is_sanitised_on_save():
    holder = Holder()
    holder.body = '<p onclick="x()">Tin <script>alert(1)</script><a href="javascript:alert(1)">đây</a></p>'
    stored = make_field().pre_save(holder, add=True)
    assert stored == "<p>Tin <a>đây</a></p>"
    assert holder.body == stored


def test_form_field_shows_the_sanitised_text_and_uses_the_csrf_aware_widget():
    form_field = make_field().formfield()
    assert isinstance(form_field, RichTextFormField)
    assert isinstance(form_field.widget, RichTextWidget)
    assert form_field.clean("<p>a<iframe src=x></iframe></p>") == "<p>a</p>"
    assert "congdoan/ckeditor-csrf.js" in str(form_field.widget.media)


@pytest.mark.parametrize("value", [None, ""])
def test_empty_rich_text(value):
    holder = Holder()
    holder.body = value
    assert make_field().pre_save(holder, add=True) == ""
