"""Rankings (score, then time, then tie-break distance; best attempt per person), unit rankings,
the XLSX export (editors only) and the campaign page's box of live figures."""

import datetime
import io

import pytest
import time_machine
from django.template import Context, Template
from openpyxl import load_workbook

from contests.results import individual_ranking, live_counts, unit_ranking

from .factories import AttemptFactory, ContestantFactory, UnitFactory

pytestmark = pytest.mark.django_db
UTC = datetime.UTC
SUBMITTED = datetime.datetime(2023, 11, 2, 4, 0, tzinfo=UTC)


def finished(contestant, round_, number, score, seconds, tiebreak=None):
    return AttemptFactory(
        contestant=contestant,
        round=round_,
        number=number,
        score=score,
        duration=datetime.timedelta(seconds=seconds),
        submitted_at=SUBMITTED,
        tiebreak_answer=tiebreak,
    )


@pytest.fixture
def field(contest, open_round):
    open_round.tiebreak_answer = 1000
    open_round.save()
    units = {name: UnitFactory(name=name, group__name="LĐLĐ huyện Ba Bể") for name in ("CĐ A", "CĐ B", "CĐ C")}
    people = {
        name: ContestantFactory(contest=contest, full_name=name, unit=units[unit])
        for name, unit in [("An", "CĐ A"), ("Bình", "CĐ A"), ("Chi", "CĐ B"), ("Dũng", "CĐ B"), ("Em", "CĐ C")]
    }
    finished(people["An"], open_round, 1, 15, 600, 900)
    finished(people["An"], open_round, 2, 18, 700, 950)  # best of An's two
    finished(people["Bình"], open_round, 1, 18, 500, None)  # same score, faster than An
    finished(people["Chi"], open_round, 1, 18, 700, 1010)  # same score and time as An, closer guess
    finished(people["Dũng"], open_round, 1, 18, 700, 990)  # exactly as close as Chi: tied
    AttemptFactory(contestant=people["Em"], round=open_round, number=1)  # not finished: not ranked
    return open_round, people


def test_individuals_rank_by_score_time_then_tiebreak_with_shared_ranks(field):
    round_, _ = field
    standings = individual_ranking(round_)
    assert [(row.rank, row.contestant.full_name, row.score, row.tiebreak_distance) for row in standings] == [
        (1, "Bình", 18, None),
        (2, "Chi", 18, 10),
        (2, "Dũng", 18, 10),
        (4, "An", 18, 50),
    ]
    assert standings[3].attempt.number == 2


def test_no_tiebreak_answer_ranks_after_any_answer(contest, open_round):
    open_round.tiebreak_answer = 10
    open_round.save()
    silent = ContestantFactory(contest=contest, full_name="Không đoán")
    far = ContestantFactory(contest=contest, full_name="Đoán xa")
    finished(silent, open_round, 1, 5, 300, None)
    finished(far, open_round, 1, 5, 300, 10_000)
    assert [row.contestant.full_name for row in individual_ranking(open_round)] == ["Đoán xa", "Không đoán"]


def test_units_rank_by_participants_then_entries(field):
    round_, _ = field
    assert [(row["rank"], row["unit"], row["participants"], row["entries"]) for row in unit_ranking(round_)] == [
        (1, "CĐ A", 2, 3),
        (2, "CĐ B", 2, 2),
    ]


def test_live_counts(field, contest):
    counts = live_counts(contest)
    assert (counts["registered"], counts["entries"]) == (5, 5)
    assert [(row["unit"], row["registered"], row["entries"]) for row in counts["by_unit"]] == [
        ("CĐ A", 2, 3),
        ("CĐ B", 2, 2),
        ("CĐ C", 1, 0),
    ]


def test_export_is_for_editors_and_matches_the_ranking(client, editor, writer, field):
    round_, _ = field
    url = f"/admin/contests/round/{round_.pk}/xuat-ket-qua/"
    client.force_login(writer)
    assert client.get(url).status_code == 403
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    workbook = load_workbook(io.BytesIO(response.content))
    people = list(workbook["Cá nhân"].iter_rows(values_only=True))
    assert people[0][:3] == ("Hạng", "Họ và tên", "Số điện thoại")
    assert [(row[0], row[1], row[7], row[8]) for row in people[1:]] == [
        (1, "Bình", 18, 500),
        (2, "Chi", 18, 700),
        (2, "Dũng", 18, 700),
        (4, "An", 18, 700),
    ]
    units = list(workbook["Đơn vị"].iter_rows(values_only=True))
    assert units[1:] == [(1, "CĐ A", "LĐLĐ huyện Ba Bể", 2, 3), (2, "CĐ B", "LĐLĐ huyện Ba Bể", 2, 2)]


def test_closed_round_shows_winners_and_units_on_the_contest_page(client, field, contest):
    round_, _ = field
    with time_machine.travel(round_.ends_at + datetime.timedelta(minutes=1), tick=False):
        html = client.get(f"/cuoc-thi/{contest.slug}/").content.decode()
    assert "Kết quả Đợt 1" in html
    assert html.index("Bình") < html.index("Chi") < html.index("Dũng")
    assert "Đơn vị có nhiều người tham gia" in html


def test_campaign_box_shows_live_figures(field, contest):
    html = Template("{% load contests %}{% contest_box campaign %}").render(Context({"campaign": contest.campaign}))
    assert "<strong>5</strong> người đăng ký · <strong>5</strong> lượt dự thi" in html
    assert f'href="/cuoc-thi/{contest.slug}/"' in html
    other = Template("{% load contests %}{% contest_box campaign %}").render(Context({"campaign": None}))
    assert other.strip() == ""


def test_campaign_page_shows_its_contest_box(client, field, contest):
    campaign = contest.campaign
    campaign.is_published = True
    campaign.save()
    html = client.get(campaign.get_absolute_url()).content.decode()
    assert "<strong>5</strong> người đăng ký" in html
    assert f'href="/cuoc-thi/{contest.slug}/"' in html


def test_closed_round_standings_are_cached_briefly(client, field, contest, django_assert_num_queries, settings):
    settings.FRAGMENT_CACHE_SECONDS = 600  # the site's header is cached as in production
    round_, _ = field
    with time_machine.travel(round_.ends_at + datetime.timedelta(minutes=1), tick=False):
        client.get(f"/cuoc-thi/{contest.slug}/")
        # The rounds only: the contest, counts and standings come from the cache.
        with django_assert_num_queries(1):
            html = client.get(f"/cuoc-thi/{contest.slug}/").content.decode()
    assert "Kết quả Đợt 1" in html and "Bình" in html


def test_no_results_while_late_answers_may_still_land(client, field, contest):
    round_, _ = field
    with time_machine.travel(round_.ends_at + datetime.timedelta(seconds=10), tick=False):
        html = client.get(f"/cuoc-thi/{contest.slug}/").content.decode()
    assert "Kết quả Đợt 1" not in html and "Đã kết thúc" in html
