from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django.template import Context, Template

from congdoan.timefmt import updated_line


def test_updated_line_in_vietnam_time():
    # 13:59 UTC is 20:59 in Hà Nội.
    value = datetime(2023, 11, 23, 13, 59, tzinfo=UTC)
    assert updated_line(value) == "Cập nhật lúc 20:59 - 23/11/2023 (GMT +07:00)"


def test_updated_line_crosses_midnight_into_the_next_local_day():
    value = datetime(2024, 12, 31, 17, 5, tzinfo=UTC)
    assert updated_line(value) == "Cập nhật lúc 00:05 - 01/01/2025 (GMT +07:00)"


def test_updated_line_zero_pads_and_uses_24h():
    value = datetime(2024, 3, 5, 8, 7, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    assert updated_line(value) == "Cập nhật lúc 08:07 - 05/03/2024 (GMT +07:00)"


def test_updated_line_treats_naive_times_as_local():
    assert updated_line(datetime(2024, 7, 28, 15, 30)) == "Cập nhật lúc 15:30 - 28/07/2024 (GMT +07:00)"


def test_updated_line_of_nothing_is_empty():
    assert updated_line(None) == ""


def test_template_filter():
    value = datetime(2023, 11, 23, 13, 59, tzinfo=UTC)
    rendered = Template("{% load congdoan %}{{ value|updated_line }}").render(Context({"value": value}))
    assert rendered == "Cập nhật lúc 20:59 - 23/11/2023 (GMT +07:00)"


def test_card_times_match_the_date_filter_they_replace():
    from congdoan.timefmt import card_times

    value = datetime(2024, 12, 31, 17, 5, tzinfo=UTC)  # 00:05 on 01/01/2025 in Hà Nội
    template = Template("{{ value|date:'Y-m-d\\TH:i:sO' }}|{{ value|date:'H:i d/m/Y' }}")
    assert card_times(value) == ("2025-01-01T00:05:00+0700", "00:05 01/01/2025")
    assert "|".join(card_times(value)) == template.render(Context({"value": value}))
    assert card_times(None) == ("", "")
