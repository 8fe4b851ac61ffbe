"""One rule for numbers typed by contestants: digits of any script fold to ASCII, other
digit-like signs (², ³, ①) are refused in Vietnamese; used by phones, dates and the tie-break."""

import pytest
from django.core.exceptions import ValidationError

from contests.models import Attempt, Contestant, normalize_phone
from contests.numbers import fold_digits, parse_whole_number
from contests.services import start_attempt

from .conftest import NOW
from .factories import ContestantFactory, RoundFactory

pytestmark = pytest.mark.django_db
NOT_A_NUMBER = "Cần một số nguyên không âm, chỉ gồm các chữ số 0–9 (có thể tách nhóm bằng dấu chấm, ví dụ 4.155)."


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("4155", 4155),
        ("4.155", 4155),
        ("4 155", 4155),
        ("4\u00a0155", 4155),
        (" 0 ", 0),
        ("４１５５", 4155),  # full-width
        ("٤١٥٥", 4155),  # Arabic-Indic
        ("۴۱۵۵", 4155),  # Eastern Arabic-Indic (Persian)
        ("४१५५", 4155),  # Devanagari
        ("123456789012345", 123456789012345),
    ],
)
def test_whole_numbers_fold_every_script_to_ascii(raw, expected):
    assert parse_whole_number(raw, max_digits=15) == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("²", "Ký tự “²” không phải chữ số: hãy chỉ dùng các chữ số 0–9."),
        ("1³", "Ký tự “³” không phải chữ số: hãy chỉ dùng các chữ số 0–9."),
        ("①", "Ký tự “①” không phải chữ số: hãy chỉ dùng các chữ số 0–9."),
        ("₂", "Ký tự “₂” không phải chữ số: hãy chỉ dùng các chữ số 0–9."),
        ("-5", NOT_A_NUMBER),
        ("4,5", NOT_A_NUMBER),
        ("mười", NOT_A_NUMBER),
        ("", NOT_A_NUMBER),
        ("Ⅻ", NOT_A_NUMBER),
        ("1234567890123456", "Số quá lớn: tối đa 15 chữ số."),
    ],
)
def test_other_signs_are_refused_in_vietnamese(raw, message):
    with pytest.raises(ValidationError) as refused:
        parse_whole_number(raw, max_digits=15)
    assert refused.value.messages == [message]


def test_a_pasted_page_of_digits_is_refused_before_it_is_read():
    with pytest.raises(ValidationError) as refused:
        parse_whole_number("٩" * 2_000_000, max_digits=15)
    assert refused.value.messages == ["Số quá lớn: tối đa 15 chữ số."]


def test_fold_digits_keeps_everything_else():
    assert fold_digits("+84 ９１２-٣٤٥.६७८") == "+84 912-345.678"


@pytest.mark.parametrize(
    "raw", ["٠٩١٢٣٤٥٦٧٨", "۰۹۱۲۳۴۵۶۷۸", "०९१२३४५६७८", "０９１２３４５６７８", "+٨٤ ٩١٢ ٣٤٥ ٦٧٨", "09١2345678"]
)
def test_a_phone_in_any_script_is_the_same_phone(raw):
    assert normalize_phone(raw) == "0912345678"


def test_a_phone_with_a_superscript_is_refused():
    with pytest.raises(ValidationError) as refused:
        normalize_phone("091234567⁸")
    assert refused.value.messages == ["Ký tự “⁸” không phải chữ số: hãy chỉ dùng các chữ số 0–9."]


def registration(unit, **changes):
    data = {
        "full_name": "Hoàng Văn Nam",
        "phone": "0912345678",
        "password1": "thi-tot-nhe-2023",
        "password2": "thi-tot-nhe-2023",
        "email": "",
        "date_of_birth": "17/05/1990",
        "unit": unit.pk,
        "consent": "on",
    }
    return {**data, **changes}


@pytest.mark.parametrize("phone", ["٠٩١٢٣٤٥٦٧٨", "०९१२३४५६७८", "０９１２ ３４５ ６７８"])
def test_a_phone_in_another_script_cannot_register_a_second_contestant(client, now, contest, unit, contestant, phone):
    response = client.post(f"/cuoc-thi/{contest.slug}/dang-ky/", registration(unit, phone=phone))
    assert response.status_code == 200
    assert response.context["form"].errors == {"phone": ["Số điện thoại này đã đăng ký cuộc thi. Hãy đăng nhập."]}
    assert list(Contestant.objects.values_list("phone", flat=True)) == ["0912345678"]


def test_a_phone_in_another_script_registers_and_logs_in_as_ascii(client, now, contest, unit):
    response = client.post(f"/cuoc-thi/{contest.slug}/dang-ky/", registration(unit, phone="٠٩٨٧٦٥٤٣٢١"))
    assert response.status_code == 302
    assert Contestant.objects.get().phone == "0987654321"
    client.logout()
    login = client.post(f"/cuoc-thi/{contest.slug}/dang-nhap/", {"phone": "०९८७६५४३२१", "password": "thi-tot-nhe-2023"})
    assert login.status_code == 302 and login["Location"] == f"/cuoc-thi/{contest.slug}/cua-toi/"


def test_date_of_birth_digits_follow_the_same_rule(client, now, contest, unit):
    response = client.post(f"/cuoc-thi/{contest.slug}/dang-ky/", registration(unit, date_of_birth="¹7/05/1990"))
    assert response.context["form"].errors == {
        "date_of_birth": ["Ký tự “¹” không phải chữ số: hãy chỉ dùng các chữ số 0–9."]
    }
    response = client.post(f"/cuoc-thi/{contest.slug}/dang-ky/", registration(unit, date_of_birth="１７/０５/１９９０"))
    assert response.status_code == 302
    assert Contestant.objects.get().date_of_birth.isoformat() == "1990-05-17"


@pytest.fixture
def tiebreak_attempt(client, now, contest, contestant):
    from .factories import QuestionFactory

    round_ = RoundFactory(contest=contest, tiebreak_question="Đợt thi này có bao nhiêu lượt người dự thi?")
    for _ in range(3):
        QuestionFactory(round=round_)
    client.force_login(contestant.user)
    return start_attempt(contestant=contestant, round=round_, now=NOW).attempt


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        ("²", "Câu dự đoán: ký tự “²” không phải chữ số: hãy chỉ dùng các chữ số 0–9."),
        ("1³", "Câu dự đoán: ký tự “³” không phải chữ số: hãy chỉ dùng các chữ số 0–9."),
        ("-12", "Câu dự đoán: c" + NOT_A_NUMBER[1:]),
        ("9" * 16, "Câu dự đoán: số quá lớn: tối đa 15 chữ số."),
    ],
)
def test_a_tiebreak_answer_that_is_no_number_is_a_message_not_a_500(client, contest, tiebreak_attempt, raw, error):
    url = f"/cuoc-thi/{contest.slug}/luot/{tiebreak_attempt.pk}/"
    response = client.post(url, {"du-doan": raw}, HTTP_ACCEPT="application/json")
    assert response.status_code == 400 and response.json() == {"saved": 0, "errors": [error]}
    page = client.post(url, {"du-doan": raw, "luu": "tat-ca"}, follow=True)
    assert page.status_code == 200 and [str(m) for m in page.context["messages"]] == [error]
    assert Attempt.objects.get(pk=tiebreak_attempt.pk).tiebreak_answer is None


@pytest.mark.parametrize("raw", ["4.155", "４.１５５", "٤١٥٥", "४ १५५"])
def test_a_tiebreak_answer_in_any_script_is_saved_as_its_number(client, contest, tiebreak_attempt, raw):
    url = f"/cuoc-thi/{contest.slug}/luot/{tiebreak_attempt.pk}/"
    response = client.post(url, {"du-doan": raw}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200 and response.json() == {"saved": 0, "errors": []}
    assert Attempt.objects.get(pk=tiebreak_attempt.pk).tiebreak_answer == 4155


def test_an_editor_giving_a_contestant_anothers_phone_gets_a_form_error(client, editor, contest, contestant):
    other = ContestantFactory(contest=contest, unit=contestant.unit, full_name="Trần Văn Nam", phone="0987654321")
    client.force_login(editor)
    url = f"/admin/contests/contestant/{other.pk}/change/"
    for phone in ("0912345678", "+84 912 345 678", "٠٩١٢٣٤٥٦٧٨"):
        data = {
            "full_name": "Trần Văn Nam",
            "phone": phone,
            "email": "",
            "date_of_birth": "17/05/1990",
            "unit": contestant.unit.pk,
        }
        response = client.post(url, data)
        assert response.status_code == 200
        assert response.context["adminform"].form.errors == {
            "phone": ["Số điện thoại này đã được một thí sinh khác của cuộc thi đăng ký."]
        }
    other.refresh_from_db()
    assert other.phone == "0987654321"


def test_a_contestant_logs_in_with_the_phone_an_editor_corrected(client, editor, contest, contestant):
    client.force_login(editor)
    data = {"full_name": "Nguyễn Thị Hoa", "phone": "+84 387 654 321", "email": "", "date_of_birth": "17/05/1990"}
    response = client.post(f"/admin/contests/contestant/{contestant.pk}/change/", {**data, "unit": contestant.unit.pk})
    assert response.status_code == 302
    contestant.refresh_from_db()
    assert contestant.phone == "0387654321"
    client.logout()
    login_url = f"/cuoc-thi/{contest.slug}/dang-nhap/"
    assert client.post(login_url, {"phone": "0912345678", "password": "mat-khau-thi-sinh"}).status_code == 200
    assert client.post(login_url, {"phone": "0387654321", "password": "mat-khau-thi-sinh"}).status_code == 302


def test_the_migration_folds_phones_stored_before_the_rule(contest, unit):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("contests.migrations.0003_fold_phone_digits")
    stored = ContestantFactory(contest=contest, unit=unit, phone="09١٢٣٤٥٦٧٨")
    ContestantFactory(contest=contest, unit=unit, phone="0987654321")
    twin = ContestantFactory(contest=contest, unit=unit, phone="09٨٧٦٥٤٣٢١")
    migration.fold_phones(apps, None)
    stored.refresh_from_db()
    twin.refresh_from_db()
    assert (stored.phone, stored.user.username) == ("0912345678", f"thisinh-{contest.pk}-0912345678")
    assert twin.phone == "09٨٧٦٥٤٣٢١"  # another contestant already has it: left for an editor
