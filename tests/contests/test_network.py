"""A national contest across the network (#14): contestants choose their federation, then one
of its units; rankings by federation and by unit; each federation's editors see their own
federation's contestants only.

The network: the national union (congdoan.test), Thái Nguyên (the default federation,
thainguyen.test), Sơn La (sonla.test), and Bắc Kạn, merged into Thái Nguyên.
"""

import datetime
import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from congdoan.models import Federation, FederationHost
from congdoan.roles import EDITOR_GROUP, WRITER_GROUP
from congdoan.tenancy import activate, default_federation, everywhere
from contests import results
from contests.models import Contest, Contestant
from contests.services import ContestError
from tests.utils import clear_cache, give_role

from .conftest import NOW
from .factories import AttemptFactory, ContestantFactory, ContestFactory, QuestionFactory, RoundFactory, UnitFactory

pytestmark = pytest.mark.django_db

NATIONAL_HOST, A_HOST, B_HOST = "congdoan.test", "thainguyen.test", "sonla.test"
UTC = datetime.UTC
NOT_SONLA_UNIT = (
    "Hãy chọn một đơn vị của LĐLĐ tỉnh Sơn La trong danh sách (đơn vị của liên đoàn khác: hãy đổi liên đoàn trước)."
)


@pytest.fixture
def network():
    """The four federations, by short code."""
    a = default_federation()
    a.code, a.short_name, a.province, a.name_line2 = (
        "thainguyen",
        "LĐLĐ tỉnh Thái Nguyên",
        "Thái Nguyên",
        "TỈNH THÁI NGUYÊN",
    )
    a.save()
    national = Federation.objects.create(
        code="tld", kind=Federation.Kind.NATIONAL, short_name="Tổng LĐLĐ Việt Nam", province="Toàn quốc"
    )
    b = Federation.objects.create(code="sonla", short_name="LĐLĐ tỉnh Sơn La", province="Sơn La", parent=national)
    sector = Federation.objects.create(
        code="giaoduc", kind=Federation.Kind.SECTOR, short_name="Công đoàn Giáo dục Việt Nam", province="Giáo dục"
    )
    merged = Federation.objects.create(
        code="backan",
        short_name="LĐLĐ tỉnh Bắc Kạn",
        province="Bắc Kạn",
        state=Federation.State.MERGED,
        merged_into=a,
    )
    for federation, host in ((national, NATIONAL_HOST), (a, A_HOST), (b, B_HOST)):
        FederationHost.objects.create(federation=federation, host=host, is_primary=True)
    clear_cache()
    return {"national": national, "a": a, "b": b, "sector": sector, "merged": merged}


@pytest.fixture
def units(network):
    """Each federation's own units; the same school name in both provinces."""
    with activate(network["a"]):
        a_unit = UnitFactory(name="Công đoàn Trường THPT Chu Văn An", group__name="Khối giáo dục")
        a_other = UnitFactory(name="Công đoàn Công ty Gang thép", group__name="Khối doanh nghiệp")
    with activate(network["b"]):
        b_unit = UnitFactory(name="Công đoàn Trường THPT Chu Văn An", group__name="Khối giáo dục")
        UnitFactory(name="Công đoàn Thủy điện Sơn La", group__name="Khối doanh nghiệp", is_active=False)
    return {"a": a_unit, "a_other": a_other, "b": b_unit}


@pytest.fixture
def national_contest(network):
    with activate(network["national"]):
        contest = ContestFactory(
            campaign__title="Cuộc thi toàn quốc tìm hiểu Luật Công đoàn 2024",
            campaign__slug="tim-hieu-luat-cong-doan-2024",
            slug="luat-cong-doan-2024",
            network_wide=True,
        )
        round_ = RoundFactory(contest=contest, order=1, name="Đợt 1")
        for _ in range(3):
            QuestionFactory(round=round_)
    contest.round = round_
    return contest


def on(host: str, user=None) -> Client:
    client = Client(HTTP_HOST=host)
    if user is not None:
        client.force_login(user)
    return client


def options_of(html: str, name: str) -> list:
    """(group label or "", value, text) of every option of the select `name`, in page order."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    found, group = [], ""
    for match in re.finditer(r'<optgroup label="([^"]*)">|<option value="([^"]*)"[^>]*>([^<]*)</option>', select):
        if match.group(1) is not None:
            group = match.group(1)
        else:
            found.append((group, match.group(2), match.group(3)))
    return found


def errors_of(html: str) -> list:
    return re.findall(r'<p class="contest-error" id="[^"]*">([^<]*)</p>', html)


def registration(unit, **changes) -> dict:
    data = {
        "full_name": "Lò Văn Minh",
        "phone": "0387 654 321",
        "password1": "thi-tot-nhe-2024",
        "password2": "thi-tot-nhe-2024",
        "date_of_birth": "17/05/1990",
        "unit": str(unit.pk),
        "consent": "on",
    }
    data.update(changes)
    return data


# --- The model -------------------------------------------------------------------------------


def test_only_a_national_contest_may_be_network_wide(network):
    contest = ContestFactory(network_wide=True)
    with pytest.raises(Exception) as refused:
        contest.full_clean()
    assert refused.value.message_dict["network_wide"] == [
        "Chỉ cuộc thi của Tổng Liên đoàn mới có thể là cuộc thi toàn quốc."
    ]


# --- Registration: federation, then unit --------------------------------------------------------


def test_step_one_lists_active_provincial_and_sector_federations_grouped(national_contest, units):
    response = on(NATIONAL_HOST).get("/cuoc-thi/luat-cong-doan-2024/dang-ky/")
    html = response.content.decode()
    assert response.status_code == 200
    assert options_of(html, "lien_doan") == [
        ("", "", "— Chọn liên đoàn —"),
        ("Liên đoàn Lao động tỉnh, thành phố", "sonla", "LĐLĐ tỉnh Sơn La"),
        ("Liên đoàn Lao động tỉnh, thành phố", "thainguyen", "LĐLĐ tỉnh Thái Nguyên"),
        ("Công đoàn ngành Trung ương và tương đương", "giaoduc", "Công đoàn Giáo dục Việt Nam"),
    ]
    assert '<form method="get" class="contest-form" novalidate>' in html
    assert 'name="password1"' not in html


def test_step_two_offers_the_chosen_federations_active_units_only(national_contest, units):
    html = on(NATIONAL_HOST).get("/cuoc-thi/luat-cong-doan-2024/dang-ky/?lien_doan=sonla").content.decode()
    assert options_of(html, "unit") == [
        ("", "", "— Chọn đơn vị —"),
        ("", str(units["b"].pk), "Công đoàn Trường THPT Chu Văn An – Khối giáo dục"),
    ]
    assert (
        '<p class="contest-federation">Bước 2/2. Liên đoàn: <strong>LĐLĐ tỉnh Sơn La</strong> · '
        '<a href="/cuoc-thi/luat-cong-doan-2024/dang-ky/">Đổi liên đoàn</a></p>' in html
    )
    assert '<input type="hidden" name="lien_doan" value="sonla">' in html


def test_registering_with_a_unit_of_the_chosen_federation(national_contest, units):
    client = on(NATIONAL_HOST)
    response = client.post("/cuoc-thi/luat-cong-doan-2024/dang-ky/", registration(units["b"], lien_doan="sonla"))
    assert response.status_code == 302
    assert response["Location"] == "/cuoc-thi/luat-cong-doan-2024/cua-toi/"
    contestant = everywhere(Contestant).get()
    assert (contestant.contest_id, contestant.unit_id, contestant.phone) == (
        national_contest.pk,
        units["b"].pk,
        "0387654321",
    )


@pytest.mark.parametrize(
    ("lien_doan", "unit", "message"),
    [
        # Another federation's unit posted with Sơn La.
        (
            "sonla",
            "a",
            NOT_SONLA_UNIT,
        ),
        (
            "sonla",
            "9" * 40,
            NOT_SONLA_UNIT,
        ),
        (
            "sonla",
            "²",
            NOT_SONLA_UNIT,
        ),
        (
            "sonla",
            "",
            "Trường này là bắt buộc.",
        ),
    ],
)
def test_a_unit_that_is_not_the_federations_is_a_form_error(national_contest, units, lien_doan, unit, message):
    unit_value = str(units["a"].pk) if unit == "a" else unit
    data = {**registration(units["b"], lien_doan=lien_doan), "unit": unit_value}
    response = on(NATIONAL_HOST).post("/cuoc-thi/luat-cong-doan-2024/dang-ky/", data)
    assert response.status_code == 200
    assert errors_of(response.content.decode()) == [message]
    assert not everywhere(Contestant).exists()


@pytest.mark.parametrize(
    ("lien_doan", "message"),
    [
        ("backan", "LĐLĐ tỉnh Bắc Kạn đã hợp nhất vào LĐLĐ tỉnh Thái Nguyên: hãy chọn LĐLĐ tỉnh Thái Nguyên."),
        ("tld", "Hãy chọn một liên đoàn trong danh sách."),
        ("khong-co", "Hãy chọn một liên đoàn trong danh sách."),
        ("s" * 100_000, "Hãy chọn một liên đoàn trong danh sách."),
        ("ｓｏｎｌａ", "Hãy chọn một liên đoàn trong danh sách."),
        ("", "Hãy chọn liên đoàn của bạn."),
    ],
)
def test_a_federation_not_taking_part_is_a_form_error(national_contest, units, lien_doan, message):
    data = registration(units["b"], lien_doan=lien_doan)
    for response in (
        on(NATIONAL_HOST).post("/cuoc-thi/luat-cong-doan-2024/dang-ky/", data),
        on(NATIONAL_HOST).get("/cuoc-thi/luat-cong-doan-2024/dang-ky/", {"lien_doan": lien_doan}),
    ):
        assert response.status_code == 200
        assert errors_of(response.content.decode()) == [message]
    assert not everywhere(Contestant).exists()


def test_the_service_refuses_a_unit_of_no_federation_taking_part(national_contest, network):
    from contests.services import register_contestant

    with activate(network["national"]):
        national_unit = UnitFactory(name="Công đoàn cơ quan Tổng Liên đoàn")
    with pytest.raises(ContestError) as refused:
        register_contestant(
            contest=national_contest,
            full_name="Lò Văn Minh",
            phone="0387654321",
            password="thi-tot-nhe-2024",
            date_of_birth=datetime.date(1990, 5, 17),
            unit=national_unit,
            now=NOW,
        )
    assert (refused.value.field, refused.value.message) == (
        "unit",
        "Đơn vị này không thuộc liên đoàn nào đang dự thi: hãy chọn lại liên đoàn và đơn vị.",
    )


def test_registration_pages_query_counts_are_fixed(national_contest, units, django_assert_num_queries, settings):
    """Step 1: the session-less page runs no query (the contest is cached, the federations come
    from the directory). Step 2 reads the federation's units, in one query whatever their number."""
    settings.FRAGMENT_CACHE_SECONDS = 600  # the site's header is cached as in production
    with activate(units["a"].federation):
        for number in range(30):
            UnitFactory(name=f"Công đoàn cơ sở số {number}")
    client = on(NATIONAL_HOST)
    client.get("/cuoc-thi/luat-cong-doan-2024/dang-ky/")  # warm the site's header
    with django_assert_num_queries(0):
        client.get("/cuoc-thi/luat-cong-doan-2024/dang-ky/")
    with django_assert_num_queries(1):
        response = client.get("/cuoc-thi/luat-cong-doan-2024/dang-ky/?lien_doan=thainguyen")
    assert len(options_of(response.content.decode(), "unit")) == 1 + 32


# --- One address: the national host ------------------------------------------------------------


def test_a_federations_host_sends_readers_to_the_national_host(national_contest, units):
    response = on(A_HOST).get("/cuoc-thi/luat-cong-doan-2024/dang-ky/?lien_doan=thainguyen")
    assert response.status_code == 302
    assert response["Location"] == "http://congdoan.test/cuoc-thi/luat-cong-doan-2024/dang-ky/?lien_doan=thainguyen"
    assert on(B_HOST).get("/cuoc-thi/luat-cong-doan-2024/")["Location"] == (
        "http://congdoan.test/cuoc-thi/luat-cong-doan-2024/"
    )


def test_a_federations_own_contest_of_the_same_address_is_served_there(national_contest, network):
    with activate(network["a"]):
        ContestFactory(campaign__title="Cuộc thi của Thái Nguyên", slug="luat-cong-doan-2024")
    response = on(A_HOST).get("/cuoc-thi/luat-cong-doan-2024/")
    assert response.status_code == 200
    assert re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode()).group(1) == "Cuộc thi của Thái Nguyên"


def test_a_national_contest_not_network_wide_stays_on_the_national_site(national_contest):
    Contest.objects.filter(pk=national_contest.pk).update(network_wide=False)
    assert on(A_HOST).get("/cuoc-thi/luat-cong-doan-2024/").status_code == 404


def test_every_federations_campaign_list_links_to_the_national_page(national_contest, units):
    html = on(B_HOST).get("/phong-trao/").content.decode()
    assert (
        '<li><a href="http://congdoan.test/cuoc-thi/luat-cong-doan-2024/">'
        "Cuộc thi toàn quốc tìm hiểu Luật Công đoàn 2024</a> · "
        '<a href="http://congdoan.test/cuoc-thi/luat-cong-doan-2024/dang-ky/?lien_doan=sonla">Đăng ký dự thi</a></li>'
        in html
    )
    assert 'id="cuoc-thi-toan-quoc"' not in on(NATIONAL_HOST).get("/phong-trao/").content.decode()


# --- Rankings --------------------------------------------------------------------------------


@pytest.fixture
def finished(national_contest, units):
    """Thái Nguyên: two participants (best 3 and 1, three entries); Sơn La: one (best 2)."""
    with activate(units["a"].federation):
        a_other = units["a_other"]
    round_ = national_contest.round

    def entry(contestant, number, score):
        submitted = datetime.datetime(2023, 11, 2, 1, 10 + number, tzinfo=UTC)
        return AttemptFactory(
            contestant=contestant,
            round=round_,
            number=number,
            submitted_at=submitted,
            score=score,
            duration=datetime.timedelta(minutes=5, seconds=number),
        )

    hoa = ContestantFactory(contest=national_contest, unit=units["a"], full_name="Nguyễn Thị Hoa", phone="0912000001")
    binh = ContestantFactory(contest=national_contest, unit=a_other, full_name="Trần Văn Bình", phone="0912000002")
    minh = ContestantFactory(contest=national_contest, unit=units["b"], full_name="Lò Văn Minh", phone="0912000003")
    entry(hoa, 1, 2)
    entry(hoa, 2, 3)
    entry(binh, 1, 1)
    entry(minh, 1, 2)
    return round_


def test_federations_are_ranked_by_participants_with_average_and_top_scores(finished, network):
    assert results.federation_ranking(finished) == [
        {
            "rank": 1,
            "federation_id": network["a"].pk,
            "federation": "LĐLĐ tỉnh Thái Nguyên",
            "participants": 2,
            "entries": 3,
            "average": 2.0,
            "top": 3,
        },
        {
            "rank": 2,
            "federation_id": network["b"].pk,
            "federation": "LĐLĐ tỉnh Sơn La",
            "participants": 1,
            "entries": 1,
            "average": 2.0,
            "top": 2,
        },
    ]


def test_units_of_the_same_name_in_two_federations_are_two_rows(finished):
    ranking = results.unit_ranking(finished)
    assert [(row["rank"], row["unit"], row["federation"], row["participants"], row["entries"]) for row in ranking] == [
        (1, "Công đoàn Trường THPT Chu Văn An", "LĐLĐ tỉnh Thái Nguyên", 1, 2),
        (2, "Công đoàn Công ty Gang thép", "LĐLĐ tỉnh Thái Nguyên", 1, 1),
        (2, "Công đoàn Trường THPT Chu Văn An", "LĐLĐ tỉnh Sơn La", 1, 1),
    ]


def test_the_public_page_shows_the_federations_once_the_round_is_closed(finished, time_machine):
    time_machine.move_to(datetime.datetime(2023, 11, 9, 1, 0, tzinfo=UTC), tick=False)
    html = on(NATIONAL_HOST).get("/cuoc-thi/luat-cong-doan-2024/").content.decode()
    table = re.search(r"<caption>Xếp hạng liên đoàn.*?<tbody>(.*?)</tbody>", html, re.S).group(1)
    assert re.findall(r"<td>([^<]*)</td>", table) == [
        "1", "LĐLĐ tỉnh Thái Nguyên", "2", "3", "2", "3",
        "2", "LĐLĐ tỉnh Sơn La", "1", "1", "2", "2",
    ]  # fmt: skip
    assert (
        "<td>Nguyễn Thị Hoa</td><td>Công đoàn Trường THPT Chu Văn An "
        '<span class="contest-muted">(LĐLĐ tỉnh Thái Nguyên)</span></td>' in html
    )
    assert "<summary>Theo đơn vị" not in html  # thousands of units across the network: by federation
    counts = re.search(r"<summary>Theo liên đoàn \(2\)</summary>.*?<tbody>(.*?)</tbody>", html, re.S).group(1)
    assert re.findall(r"<td>([^<]*)</td>", counts) == [
        "LĐLĐ tỉnh Thái Nguyên", "2", "3", "LĐLĐ tỉnh Sơn La", "1", "1",
    ]  # fmt: skip


def test_the_national_export_has_the_federation_column_and_sheet(finished, network, django_user_model):
    admin = django_user_model.objects.create_superuser("quantri", password="x")
    response = on(NATIONAL_HOST, admin).get(reverse("admin:contests_round_export", args=[finished.pk]))
    book = load_workbook(io.BytesIO(response.content))
    people = [[cell.value for cell in row] for row in book["Cá nhân"].iter_rows()]
    assert people[0][:6] == ["Hạng", "Họ và tên", "Số điện thoại", "Ngày sinh", "Liên đoàn", "Đơn vị"]
    assert [row[1] for row in people[1:]] == ["Nguyễn Thị Hoa", "Lò Văn Minh", "Trần Văn Bình"]
    assert [row[4] for row in people[1:]] == ["LĐLĐ tỉnh Thái Nguyên", "LĐLĐ tỉnh Sơn La", "LĐLĐ tỉnh Thái Nguyên"]
    assert [[cell.value for cell in row] for row in book["Liên đoàn"].iter_rows()] == [
        ["Hạng", "Liên đoàn", "Số người tham gia", "Số lượt dự thi", "Số câu đúng trung bình", "Số câu đúng cao nhất"],
        [1, "LĐLĐ tỉnh Thái Nguyên", 2, 3, 2, 3],
        [2, "LĐLĐ tỉnh Sơn La", 1, 1, 2, 2],
    ]


# --- Tenancy: a federation's editors see their own contestants only ----------------------------------


@pytest.fixture
def a_editor(django_user_model, network):
    user = django_user_model.objects.create_user("bientap-tn", password="x", is_staff=True)
    return give_role(user, EDITOR_GROUP, network["a"])


def test_a_federations_editor_reads_its_own_contestants_results(finished, a_editor):
    html = on(A_HOST, a_editor).get("/admin/contests/contest/toan-quoc/").content.decode()
    assert "Nguyễn Thị Hoa" in html and "0912000001" in html and "Trần Văn Bình" in html
    assert "Lò Văn Minh" not in html and "0912000003" not in html
    assert "LĐLĐ tỉnh Thái Nguyên: hạng 1/2, 2 người tham gia, 3 lượt dự thi." in html


def test_a_federations_export_holds_its_own_contestants_only(finished, a_editor):
    url = reverse("admin:contests_contest_network_export", args=[finished.pk])
    response = on(A_HOST, a_editor).get(url)
    assert response["Content-Disposition"] == 'attachment; filename="ket-qua-luat-cong-doan-2024-dot-1-thainguyen.xlsx"'
    book = load_workbook(io.BytesIO(response.content))
    people = [[cell.value for cell in row] for row in book["Cá nhân"].iter_rows()]
    assert [(row[0], row[1], row[2]) for row in people[1:]] == [
        (1, "Nguyễn Thị Hoa", "0912000001"),
        (3, "Trần Văn Bình", "0912000002"),
    ]
    units = [[cell.value for cell in row] for row in book["Đơn vị"].iter_rows()]
    assert [row[2] for row in units[1:]] == ["Công đoàn Trường THPT Chu Văn An", "Công đoàn Công ty Gang thép"]


def test_crafted_requests_reach_no_other_federations_contestants(finished, a_editor, network):
    client = on(A_HOST, a_editor)
    minh = everywhere(Contestant).get(phone="0912000003")
    hoa = everywhere(Contestant).get(phone="0912000001")
    # The national contest's contestants, even Thái Nguyên's own, are not in its contestant admin
    # (the national editors edit them); Sơn La's never.
    for contestant in (minh, hoa):
        response = client.get(reverse("admin:contests_contestant_change", args=[contestant.pk]))
        assert response.status_code == 302
        assert response["Location"] == "/admin/"
    changelist = client.get(reverse("admin:contests_contestant_changelist")).content.decode()
    assert "0912000003" not in changelist and "0912000001" not in changelist
    # A round of Sơn La's own contest through the network export: not found.
    with activate(network["b"]):
        own_round = RoundFactory(contest=ContestFactory())
    assert client.get(reverse("admin:contests_contest_network_export", args=[own_round.pk])).status_code == 404
    assert client.get(reverse("admin:contests_contest_network_export", args=[10**30])).status_code == 404


def test_writers_and_the_national_site_have_no_federation_results_page(finished, django_user_model, network):
    writer = give_role(
        django_user_model.objects.create_user("phongvien-tn", password="x", is_staff=True), WRITER_GROUP, network["a"]
    )
    assert on(A_HOST, writer).get("/admin/contests/contest/toan-quoc/").status_code == 403
    national_editor = give_role(
        django_user_model.objects.create_user("bientap-tld", password="x", is_staff=True),
        EDITOR_GROUP,
        network["national"],
    )
    assert on(NATIONAL_HOST, national_editor).get("/admin/contests/contest/toan-quoc/").status_code == 403


def test_national_editors_see_every_contestant_with_their_federation(finished, django_user_model, network):
    national_editor = give_role(
        django_user_model.objects.create_user("bientap-tld", password="x", is_staff=True),
        EDITOR_GROUP,
        network["national"],
    )
    client = on(NATIONAL_HOST, national_editor)
    html = client.get(reverse("admin:contests_contestant_changelist") + "?lien_doan=sonla").content.decode()
    rows = re.findall(
        r'<th class="field-full_name">.*?>([^<]*)</a></th>.*?<td class="field-federation">([^<]*)</td>', html, re.S
    )
    assert rows == [("Lò Văn Minh", "LĐLĐ tỉnh Sơn La")]
    minh = everywhere(Contestant).get(phone="0912000003")
    page = client.get(reverse("admin:contests_contestant_change", args=[minh.pk])).content.decode()
    assert '<div class="readonly">Công đoàn Trường THPT Chu Văn An (LĐLĐ tỉnh Sơn La)</div>' in page


def test_the_network_results_page_query_count_is_fixed(finished, a_editor, django_assert_num_queries):
    """Admin chrome 8 (session, user, membership, two permission reads, the sidebar's
    membership, ticker settings, profile; not the site's menu, which the admin does not show);
    the contests and their rounds 2; each
    round 4 (federations, own units, the ranking's values, the own standings' attempts; the last
    only when the federation has some), whatever the number of contestants."""
    client = on(A_HOST, a_editor)
    client.get("/admin/contests/contest/toan-quoc/")
    with django_assert_num_queries(8 + 2 + 4):
        client.get("/admin/contests/contest/toan-quoc/")
    with activate(finished.contest.federation):
        RoundFactory(contest=finished.contest, order=2, name="Đợt 2")
    for number in range(4, 10):
        ContestantFactory(
            contest=finished.contest, unit=everywhere(Contestant).first().unit, phone=f"091200000{number}"
        )
    client.get("/admin/contests/contest/toan-quoc/")
    with django_assert_num_queries(8 + 2 + 4 + 3):
        client.get("/admin/contests/contest/toan-quoc/")


# --- Units: each federation's own list; national editors may fill one ------------------------------


def test_national_editors_import_units_into_a_federations_list(network, django_user_model):
    from contests.models import Unit

    from .test_import import csv_file

    national_editor = give_role(
        django_user_model.objects.create_user("bientap-tld", password="x", is_staff=True),
        EDITOR_GROUP,
        network["national"],
    )
    client = on(NATIONAL_HOST, national_editor)
    rows = [["Đơn vị", "Khối"], ["LĐLĐ huyện Mộc Châu", "Khối huyện"], ["Công đoàn ngành Y tế", ""]]
    refused = client.post("/admin/contests/unit/nhap/", {"file": csv_file(rows), "lien_doan": "backan"})
    assert errors_in_admin(refused.content.decode()) == [
        "LĐLĐ tỉnh Bắc Kạn đã hợp nhất vào LĐLĐ tỉnh Thái Nguyên: hãy chọn LĐLĐ tỉnh Thái Nguyên."
    ]
    response = client.post("/admin/contests/unit/nhap/", {"file": csv_file(rows), "lien_doan": "sonla"})
    assert response.status_code == 302
    assert sorted(everywhere(Unit).filter(federation=network["b"]).values_list("name", "group__federation_id")) == [
        ("Công đoàn ngành Y tế", None),
        ("LĐLĐ huyện Mộc Châu", network["b"].pk),
    ]
    assert not everywhere(Unit).exclude(federation=network["b"]).exists()


def test_a_federations_editor_imports_into_its_own_list_only(network, a_editor):
    from contests.models import Unit

    from .test_import import csv_file

    rows = [["Đơn vị", "Khối"], ["Công đoàn Gang thép", ""]]
    response = on(A_HOST, a_editor).post("/admin/contests/unit/nhap/", {"file": csv_file(rows), "lien_doan": "sonla"})
    assert response.status_code == 302
    assert list(everywhere(Unit).values_list("name", "federation__code")) == [("Công đoàn Gang thép", "thainguyen")]


def errors_in_admin(html: str) -> list:
    return re.findall(r'<ul class="errorlist"[^>]*><li>([^<]*)</li></ul>', html)


# --- The admin field and the public page's queries ----------------------------------------------


def test_only_the_national_admin_offers_network_wide(national_contest, network, a_editor, django_user_model):
    national_editor = give_role(
        django_user_model.objects.create_user("bientap-tld", password="x", is_staff=True),
        EDITOR_GROUP,
        network["national"],
    )
    national_page = on(NATIONAL_HOST, national_editor).get(
        reverse("admin:contests_contest_change", args=[national_contest.pk])
    )
    assert (
        '<input type="checkbox" name="network_wide" aria-describedby="id_network_wide_helptext" '
        'id="id_network_wide" checked>' in national_page.content.decode()
    )
    with activate(network["a"]):
        own = ContestFactory()
    page = on(A_HOST, a_editor).get(reverse("admin:contests_contest_change", args=[own.pk])).content.decode()
    assert page.count('name="is_open_for_registration"') == 1
    assert 'name="network_wide"' not in page
    listing = on(A_HOST, a_editor).get(reverse("admin:contests_contest_changelist")).content.decode()
    assert (
        '<li><a href="/admin/contests/contest/toan-quoc/">Cuộc thi toàn quốc: kết quả của liên đoàn</a></li>' in listing
    )


def test_the_network_contest_page_query_count_is_fixed(finished, settings, django_assert_num_queries):
    """As any contest page: warm, its rounds only (the contest is cached; the counts by federation
    come from the cached counts by unit, with names from the directory)."""
    settings.FRAGMENT_CACHE_SECONDS = 600
    client = on(NATIONAL_HOST)
    client.get("/cuoc-thi/luat-cong-doan-2024/")
    with django_assert_num_queries(1):
        response = client.get("/cuoc-thi/luat-cong-doan-2024/")
    assert "<summary>Theo liên đoàn (2)</summary>" in response.content.decode()


def test_the_campaign_list_reads_the_network_contests_once_per_generation(
    national_contest, units, settings, django_assert_num_queries
):
    """A federation's /phong-trao/ (kinds, years, count; no campaign of its own, so no page
    and no phases): cold, plus the menu, the next scheduled change, the header, and one query
    for the network contests; warm, those three only, whatever the network's contests."""
    from tests.utils import HEADER_QUERIES_COLD, NEXT_CHANGE_QUERIES

    settings.FRAGMENT_CACHE_SECONDS = 600
    client = on(B_HOST)
    with django_assert_num_queries(3 + 1 + NEXT_CHANGE_QUERIES + HEADER_QUERIES_COLD + 1):
        client.get("/phong-trao/")
    with django_assert_num_queries(3):
        html = client.get("/phong-trao/").content.decode()
    assert html.count('href="http://congdoan.test/cuoc-thi/luat-cong-doan-2024/"') == 1


def test_a_federations_own_contest_offers_and_accepts_its_own_units_only(network, units):
    """The form's units used to be read when the module was imported, outside any request:
    every federation's units were offered, and accepted."""
    with activate(network["a"]):
        ContestFactory(slug="phap-luat-tn")
    client = on(A_HOST)
    html = client.get("/cuoc-thi/phap-luat-tn/dang-ky/").content.decode()
    assert [label for _group, _value, label in options_of(html, "unit")] == [
        "— Chọn đơn vị —",
        "Công đoàn Công ty Gang thép – Khối doanh nghiệp",
        "Công đoàn Trường THPT Chu Văn An – Khối giáo dục",
    ]
    response = client.post("/cuoc-thi/phap-luat-tn/dang-ky/", registration(units["b"]))
    assert errors_of(response.content.decode()) == ["Hãy chọn một đơn vị trong danh sách."]
    assert not everywhere(Contestant).exists()
