import pytest
from django.core.exceptions import ValidationError

from documents.numbers import check_number, looks_like_number, number_key, recognise_kind


@pytest.mark.parametrize(
    "typed",
    ["377/KH-TLĐ", "377/kh-tld", "377 KH TLĐ", "377-KH-TLD", " 377 / kh – tlđ ", "３７７/KH-TLĐ", "377/KH-TLĐ"],
)
def test_every_way_of_typing_a_number_gives_one_key(typed):
    assert number_key(typed) == "377/kh/tld"


def test_legal_numbers_keep_their_year_and_body():
    assert number_key("45/2019/QH14") == "45/2019/qh14"
    assert number_key("145/2020/NĐ-CP") == "145/2020/nd/cp"
    assert number_key("12/QyĐ-LĐLĐ") == "12/qyd/ldld"


def test_a_number_is_stored_in_nfc_with_spaces_collapsed():
    assert check_number("  377/KH-TLĐ ") == "377/KH-TLĐ"
    assert check_number("15/HD-LĐLĐ") == "15/HD-LĐLĐ"


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("٣٧٧/KH-TLĐ", "٣"),  # Arabic-Indic digits
        ("377²/KH-TLĐ", "²"),
        ("377/KH\u200f-TLĐ", "U+200F"),  # right-to-left mark
        ("377/KH-TLĐ<script>", "<"),
    ],
)
def test_look_alike_characters_are_refused_in_vietnamese(typed, shown):
    with pytest.raises(ValidationError) as refused:
        check_number(typed)
    assert refused.value.messages == [
        f"Số ký hiệu có ký tự “{shown}” không dùng được: chỉ gõ chữ cái, chữ số 0–9 và các dấu / - . & ( )."
    ]


def test_too_long_and_empty_numbers_are_refused():
    with pytest.raises(ValidationError) as refused:
        check_number("1" * 61)
    assert refused.value.messages == ["Số ký hiệu dài quá 60 ký tự."]
    with pytest.raises(ValidationError) as refused:
        check_number("   ")
    assert refused.value.messages == ["Hãy nhập số ký hiệu, ví dụ 377/KH-TLĐ."]


def test_kinds_are_recognised_from_their_standard_abbreviations():
    found = {typed: getattr(recognise_kind(typed), "name", None) for typed in (
        "377/KH-TLĐ", "933/QĐ-TLĐ", "15/HD-LĐLĐ", "08/NQ-LĐLĐ", "02/CT-TLĐ", "11/CTr-LĐLĐ", "4/QyĐ-TLĐ",
        "21/TTr-LĐLĐ", "7/TB-LĐLĐ", "145/2020/NĐ-CP", "123/LĐLĐ-TG",
    )}  # fmt: skip
    assert found == {
        "377/KH-TLĐ": "Kế hoạch",
        "933/QĐ-TLĐ": "Quyết định",
        "15/HD-LĐLĐ": "Hướng dẫn",
        "08/NQ-LĐLĐ": "Nghị quyết",
        "02/CT-TLĐ": "Chỉ thị",
        "11/CTr-LĐLĐ": "Chương trình",
        "4/QyĐ-TLĐ": "Quy định",
        "21/TTr-LĐLĐ": "Tờ trình",
        "7/TB-LĐLĐ": "Thông báo",
        "145/2020/NĐ-CP": "Nghị định",
        "123/LĐLĐ-TG": None,
    }


def test_what_reads_as_a_number():
    assert [looks_like_number(q) for q in ("377 KH TLĐ", "377", "an toàn lao động", "kh-tld")] == [
        True,
        False,
        False,
        False,
    ]
