import unicodedata

import pytest

from congdoan.models import Federation
from congdoan.text import ascii_number, nfc, unique_slug, vietnamese_slugify

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Đại hội Công đoàn", "dai-hoi-cong-doan"),
        ("LĐLĐ tỉnh", "ldld-tinh"),
        ("ĐOÀN KẾT – ĐỔI MỚI", "doan-ket-doi-moi"),
        ("Người lao động được hưởng lương", "nguoi-lao-dong-duoc-huong-luong"),
        ("Ủy ban Kiểm tra: kỳ họp thứ 5!", "uy-ban-kiem-tra-ky-hop-thu-5"),
        ("Tết Sum vầy 2025 — “Mái ấm Công đoàn”", "tet-sum-vay-2025-mai-am-cong-doan"),
        ("ƯỚC MƠ ơi, Ỷ lại, ỹ ẵ ặ ậ", "uoc-mo-oi-y-lai-y-a-a-a"),
        ("CSPL&QHLĐ", "csplqhld"),
        ("  nhiều   khoảng    trắng  ", "nhieu-khoang-trang"),
        ("Sơn La", "son-la"),
        ("", ""),
        ("!!!", ""),
    ],
)
def test_vietnamese_slugify(text, slug):
    assert vietnamese_slugify(text) == slug


def test_slugify_handles_decomposed_input():
    decomposed = unicodedata.normalize("NFD", "Đại hội Công đoàn")
    assert decomposed != "Đại hội Công đoàn"
    assert vietnamese_slugify(decomposed) == "dai-hoi-cong-doan"


def test_slugify_is_ascii_for_every_vietnamese_letter():
    letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
    slug = vietnamese_slugify(letters + " " + letters.upper())
    assert slug.isascii()
    assert set(slug) <= set("abcdefghijklmnopqrstuvwxyz0123456789-")
    assert slug.count("d") == 2


def test_slugify_cuts_at_a_word_boundary():
    slug = vietnamese_slugify("Hội nghị Ban Chấp hành Liên đoàn Lao động tỉnh lần thứ mười", max_length=30)
    assert len(slug) <= 30
    assert slug == "hoi-nghi-ban-chap-hanh-lien"


def test_unique_slug_adds_a_number_when_taken(django_user_model):
    # Any model with a slug-like unique CharField will do; users' usernames stand in here.
    django_user_model.objects.create(username="dai-hoi")
    django_user_model.objects.create(username="dai-hoi-2")
    new_user = django_user_model(username="")
    assert unique_slug(new_user, "Đại hội", field_name="username") == "dai-hoi-3"
    assert unique_slug(new_user, "Đại hội khác", field_name="username") == "dai-hoi-khac"


def test_unique_slug_ignores_the_row_itself(django_user_model):
    user = django_user_model.objects.create(username="dai-hoi")
    assert unique_slug(user, "Đại hội", field_name="username") == "dai-hoi"


def test_unique_slug_falls_back_when_nothing_is_left(django_user_model):
    user = django_user_model(username="")
    assert unique_slug(user, "!!!", field_name="username", fallback="bai-viet") == "bai-viet"


def test_unique_slug_respects_max_length(django_user_model):
    max_length = django_user_model._meta.get_field("username").max_length
    long_title = "công đoàn " * 40
    first_slug = unique_slug(django_user_model(), long_title, field_name="username")
    first = django_user_model.objects.create(username=first_slug)
    second = unique_slug(django_user_model(), long_title, field_name="username")
    assert len(first.username) <= max_length
    assert len(second) <= max_length
    assert second != first.username
    assert second.endswith("-2")


def test_nfc_composes_and_leaves_other_values():
    decomposed = unicodedata.normalize("NFD", "Công đoàn")
    assert nfc(decomposed) == "Công đoàn"
    assert len(nfc(decomposed)) == len("Công đoàn")
    assert nfc(None) is None
    assert nfc(5) == 5


def test_text_fields_are_stored_in_nfc():
    decomposed = unicodedata.normalize("NFD", "LIÊN ĐOÀN LAO ĐỘNG")
    identity = Federation(code="nfc", name_line1=decomposed, address=unicodedata.normalize("NFD", "Đức Xuân"))
    identity.save()
    identity.refresh_from_db()
    assert identity.name_line1 == "LIÊN ĐOÀN LAO ĐỘNG"
    assert unicodedata.is_normalized("NFC", identity.address)
    assert Federation.objects.filter(name_line1="LIÊN ĐOÀN LAO ĐỘNG").exists()


def test_usernames_are_stored_in_nfc(django_user_model):
    user = django_user_model.objects.create(username=unicodedata.normalize("NFD", "thủy"))
    assert django_user_model.objects.filter(username="thủy").get() == user


@pytest.mark.parametrize(
    ("raw", "max_digits", "number"),
    [
        ("2024", 4, 2024), ("007", 4, 7), ("0", 1, 0), (17, 2, 17),
        ("20245", 4, None), ("", 4, None), ("-1", 4, None), ("+1", 4, None), (" 12", 4, None), ("1.5", 4, None),
        ("²⁰²⁴", 4, None), ("٢٠٢٤", 4, None), ("２０２４", 4, None), ("𝟚𝟘𝟚𝟜", 4, None), ("\u200f2024", 5, None),
        ("20\u200b24", 5, None), ("Ⅻ", 4, None), ("½", 4, None),
    ],
)  # fmt: skip
def test_ascii_number_reads_only_ascii_digits(raw, max_digits, number):
    assert ascii_number(raw, max_digits) == number
