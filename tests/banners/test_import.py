"""`load_commemorations PATH`: idempotent, all or nothing, errors that name the item."""

import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from banners.models import Commemoration
from banners.services import FIXTURE

from .factories import CommemorationFactory

pytestmark = pytest.mark.django_db


def write(tmp_path, data, name="ky-niem.json"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_imports_the_shipped_list_and_running_twice_creates_nothing(capsys):
    call_command("load_commemorations", str(FIXTURE))
    count = Commemoration.objects.count()
    assert count == len(json.loads(FIXTURE.read_text(encoding="utf-8"))["items"]) == 28
    party = Commemoration.objects.get(origin=date(1930, 2, 3))
    assert party.event == "ngày thành lập Đảng Cộng sản Việt Nam"
    assert (party.every, party.days_before, party.days_after, party.prefix) == (1, None, None, "Kỷ niệm")
    assert Commemoration.objects.get(event="Ngày sinh đồng chí Đào Duy Tùng").every == 5
    call_command("load_commemorations", str(FIXTURE))
    assert Commemoration.objects.count() == count
    assert "thêm mới 0, cập nhật 0, giữ nguyên 28" in capsys.readouterr().out


def test_optional_fields_and_updates(tmp_path):
    path = write(
        tmp_path,
        {
            "items": [
                {"event": "Ngày A", "origin": "02/09/1945", "every": 5, "days_before": 10, "days_after": 2},
                {"event": "Ngày B", "origin": "29/02/2000", "prefix": "Chào mừng"},
            ]
        },
    )
    call_command("load_commemorations", path)
    a = Commemoration.objects.get(event="Ngày A")
    assert (a.every, a.days_before, a.days_after) == (5, 10, 2)
    assert Commemoration.objects.get(event="Ngày B").prefix == "Chào mừng"
    path = write(tmp_path, [{"event": "Ngày A", "origin": "02/09/1945", "every": 10}])  # a bare list works too
    call_command("load_commemorations", path)
    a.refresh_from_db()
    assert (a.every, a.days_before, a.days_after) == (10, None, None)  # back to the monthly rule
    assert Commemoration.objects.count() == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("{không phải json", "không phải JSON hợp lệ"),
        ({"khac": []}, "khoá “items”"),
        (
            {"items": [{"event": "Ngày A", "origin": "31/02/1945"}]},
            "Mục số 1 (“Ngày A”): ngày gốc “31/02/1945” không hợp lệ",
        ),
        ({"items": [{"event": "Ngày A", "origin": "1945-09-02"}]}, "Mục số 1 (“Ngày A”): ngày gốc “1945-09-02”"),
        ({"items": [{"event": "Ngày A"}]}, "Mục số 1 (“Ngày A”): thiếu ngày gốc"),
        ({"items": [{"origin": "02/09/1945"}]}, "Mục số 1: thiếu tên sự kiện"),
        ({"items": ["chuỗi"]}, "Mục số 1: phải là một đối tượng"),
        ({"items": [{"event": "Ngày A", "origin": "02/09/1945", "every": 3}]}, "“every” phải là một trong 1, 5, 10"),
        ({"items": [{"event": "Ngày A", "origin": "02/09/1945", "every": "5"}]}, "“every” phải là số nguyên"),
        ({"items": [{"event": "Ngày A", "origin": "02/09/1945", "days_before": 400}]}, "“days_before” tối đa 180"),
        (
            {"items": [{"event": "Ngày A", "origin": "02/09/1945", "days_after": 5}]},
            "Mục số 1 (“Ngày A”): “days_before” và “days_after” phải có cả hai, hoặc bỏ cả hai để hiện theo tháng.",
        ),
        (
            {"items": [{"event": "Ngày A", "origin": "02/09/1945"}, {"event": "Ngày A", "origin": "02/09/1945"}]},
            "Mục số 2 (“Ngày A”): trùng",
        ),
    ],
)
def test_bad_files_name_the_item_and_change_nothing(tmp_path, data, message):
    CommemorationFactory(event="Đã có", origin=date(1990, 1, 1), every=1)
    good_first = {"event": "Ngày mới", "origin": "01/01/1997"}
    if isinstance(data, dict) and "items" in data:
        data = {"items": [good_first, *data["items"]]}
        message = message.replace("Mục số 2", "Mục số 3").replace("Mục số 1", "Mục số 2")
    with pytest.raises(CommandError) as error:
        call_command("load_commemorations", write(tmp_path, data))
    assert message in str(error.value)
    assert "Không có thay đổi nào được lưu" in str(error.value)
    assert list(Commemoration.objects.values_list("event", flat=True)) == ["Đã có"]


def test_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        call_command("load_commemorations", str(tmp_path / "khong-co.json"))
