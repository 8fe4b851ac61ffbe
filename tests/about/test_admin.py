"""Organisation pages in the admin: tree rules, per-federation slugs, one contact profile,
hostile input."""

import pytest

from about.models import Leader, Page, Profile
from tests.admin_forms import form_data, form_errors
from tests.utils import jpeg_bytes

from .factories import LeaderFactory, OfficerFactory, PageFactory, UnitFactory
from .hostile import DATES, NUMBERS, TEXTS, hostile_problems

pytestmark = pytest.mark.django_db


def change(client, model: str, obj, **overrides):
    url = f"/admin/about/{model}/{obj.pk}/change/"
    return client.post(url, form_data(client.get(url), **overrides))


def test_a_page_cannot_sit_under_itself_or_its_descendants(client, superuser):
    top = PageFactory(slug="ban-chap-hanh")
    child = PageFactory(slug="ban-thuong-vu", parent=top)
    grandchild = PageFactory(slug="thuong-truc", parent=child)
    client.force_login(superuser)
    response = change(client, "page", top, parent=str(top.pk))
    assert ("parent", "Một trang không thể trực thuộc chính nó.") in form_errors(response)
    response = change(client, "page", top, parent=str(grandchild.pk))
    assert ("parent", "Trang cấp trên đang trực thuộc trang này: chọn trang khác.") in form_errors(response)
    response = change(client, "page", PageFactory(slug="qua-sau"), parent=str(grandchild.pk))
    assert ("parent", "Chỉ được lồng tối đa 3 cấp.") in form_errors(response)
    assert Page.objects.get(pk=top.pk).parent_id is None


def test_a_slug_taken_in_the_federation_is_a_form_error(client, superuser):
    PageFactory(slug="lich-su")
    other = PageFactory(slug="chuc-nang")
    client.force_login(superuser)
    response = change(client, "page", other, slug="Lich-Su-")
    assert response.status_code == 200
    assert ("__all__", "Trang giới thiệu khác đã có đường dẫn này. Hãy sửa đường dẫn cho khác đi.") in form_errors(
        response
    )


def test_new_page_gets_its_slug_from_the_title(client, superuser):
    client.force_login(superuser)
    data = form_data(client.get("/admin/about/page/add/"), title="Đại hội Công đoàn tỉnh", order="5")
    assert client.post("/admin/about/page/add/", data).status_code == 302
    page = Page.objects.get()
    assert (page.slug, page.get_absolute_url()) == ("dai-hoi-cong-doan-tinh", "/gioi-thieu/dai-hoi-cong-doan-tinh/")


def test_units_cannot_loop(client, superuser):
    top = UnitFactory()
    below = UnitFactory(parent=top)
    client.force_login(superuser)
    response = change(client, "unit", top, parent=str(below.pk))
    assert ("parent", "Đơn vị cấp trên đang trực thuộc đơn vị này: chọn đơn vị khác.") in form_errors(response)


def test_leader_term_must_not_end_before_it_starts(client, superuser):
    leader = LeaderFactory()
    client.force_login(superuser)
    response = change(client, "leader", leader, term_start="2028", term_end="2023")
    assert ("term_end", "Năm cuối nhiệm kỳ phải bằng hoặc sau năm đầu.") in form_errors(response)


def test_one_contact_profile_per_federation(client, superuser):
    client.force_login(superuser)
    assert client.get("/admin/about/profile/add/").status_code == 200
    Profile.objects.create()
    assert client.get("/admin/about/profile/add/").status_code == 403


def test_map_picture_needs_a_description(client, superuser, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    profile = Profile.objects.create()
    client.force_login(superuser)
    url = f"/admin/about/profile/{profile.pk}/change/"
    data = form_data(client.get(url), map_image=SimpleUploadedFile("ban-do.jpg", jpeg_bytes()), map_alt="")
    response = client.post(url, data)
    assert ("map_alt", "Có ảnh bản đồ thì phải có mô tả ảnh cho người khiếm thị.") in form_errors(response)


@pytest.mark.parametrize("model", ["page", "unit", "leader", "officer", "profile"])
def test_hostile_values_never_500_nor_half_save(client, superuser, model):
    top = PageFactory(slug="gioi-thieu-chung")
    objects = {
        "page": PageFactory(slug="lich-su", parent=top),
        "unit": UnitFactory(parent=UnitFactory()),
        "leader": LeaderFactory(board=Leader.Board.STANDING),
        "officer": OfficerFactory(),
        "profile": Profile.objects.create(map_url="https://www.openstreetmap.org/"),
    }
    obj = objects[model]
    client.force_login(superuser)
    url = f"/admin/about/{model}/{obj.pk}/change/"
    response = client.get(url)
    base = form_data(response)
    form = response.context["adminform"].form
    mutations = {}
    for name, field in form.fields.items():
        if name == "version":
            continue
        kind = type(field).__name__
        if kind in ("IntegerField", "TypedChoiceField") or name in ("parent", "order", "term_start", "term_end"):
            mutations[name] = NUMBERS
        elif kind == "DateField":
            mutations[name] = DATES
        elif kind in ("CharField", "SlugFormField", "EmailField", "URLField", "ChoiceField", "RichTextFormField"):
            limit = getattr(field, "max_length", None) or 4000
            mutations[name] = [*TEXTS, "Đ" * (limit + 1)]
        elif kind == "ImageField":
            from django.core.files.uploadedfile import SimpleUploadedFile

            mutations[name] = [
                SimpleUploadedFile("rac.jpg", b"\xff\xd8\xff\xe0" + b"\x13" * 3000),
                SimpleUploadedFile("cat-doi.jpg", jpeg_bytes(1200, 800)[:5000]),
            ]
    assert mutations
    assert hostile_problems(client, url, base, mutations, ("about",)) == []
