"""Figures and rankings computed from the attempts themselves.

Individuals: each contestant's best finished attempt in the round, ranked by score
(descending), then time taken (ascending), then distance of the tie-break answer from the
correct number (ascending; no answer ranks after any answer). Units: by participants
(contestants with at least one finished attempt), then entries (finished attempts).
Federations (network-wide contests): by participants, then entries, then the average of
each participant's best score; a contestant's federation is their unit's.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Max, Q
from django.utils import timezone

from congdoan.caching import cached

from .models import Attempt, Contest, Contestant, Round
from .network import name_of

WINNERS_SHOWN = 10
UNITS_SHOWN = 20


def round_status(round_: Round, now=None) -> str:
    now = now or timezone.now()
    if round_.is_upcoming(now):
        return "Sắp diễn ra"
    if round_.is_open(now):
        return "Đang diễn ra"
    return "Đã kết thúc"


def live_counts(contest: Contest) -> dict:
    """Registered contestants, finished entries, and both by unit.

    A live figure (congdoan.caching): at most CONTEST_COUNTS_SECONDS (default 30) old, on the
    contest page and on any page showing it (the campaign page's contest box), whatever the
    traffic: two aggregate queries at most that often, not on every view.
    """
    return cached("contest-counts", contest.pk, lambda: _counts(contest), seconds=settings.CONTEST_COUNTS_SECONDS)


def _counts(contest: Contest) -> dict:
    """By unit; a network-wide contest by federation instead (its page shows those: its units
    are thousands, and grouping by them cost seconds with 30.000 contestants)."""
    by = ["unit__federation_id"] if contest.network_wide else ["unit_id", "unit__name", "unit__group__name"]
    rows = list(
        Contestant.objects.filter(contest=contest)
        .values(*by)
        .annotate(
            registered=Count("pk", distinct=True),
            entries=Count("attempts", filter=Q(attempts__submitted_at__isnull=False)),
        )
        .order_by("-registered", "-entries", *by[1:])
    )
    counts = {
        "registered": sum(row["registered"] for row in rows),
        "entries": sum(row["entries"] for row in rows),
        "by_unit": [],
        "by_federation": [],
    }
    if contest.network_wide:
        counts["by_federation"] = sorted(
            (
                {
                    "federation": name_of(row["unit__federation_id"]),
                    "registered": row["registered"],
                    "entries": row["entries"],
                }
                for row in rows
            ),
            key=lambda row: (-row["registered"], -row["entries"], row["federation"]),
        )
    else:
        counts["by_unit"] = [
            {
                "unit": row["unit__name"],
                "group": row["unit__group__name"] or "",
                "registered": row["registered"],
                "entries": row["entries"],
            }
            for row in rows
        ]
    return counts


def closed_round_standings(round_: Round) -> dict:
    """The contest page's winners and units of a closed round, cached like the counts: ranking
    every finished attempt is too much work to repeat on each view of a busy page."""

    def load():
        winners = [
            {
                "rank": row.rank,
                "full_name": row.contestant.full_name,
                "unit": row.contestant.unit.name,
                "federation": name_of(row.contestant.unit.federation_id) if round_.contest.network_wide else "",
                "score": row.score,
                "duration": row.attempt.duration_text,
            }
            for row in individual_ranking(round_, limit=WINNERS_SHOWN)
        ]
        federations = federation_ranking(round_) if round_.contest.network_wide else []
        return {"winners": winners, "units": unit_ranking(round_)[:UNITS_SHOWN], "federations": federations}

    key = f"{round_.pk}:{round_.tiebreak_answer}"
    return cached("contest-standings", key, load, seconds=settings.CONTEST_COUNTS_SECONDS)


@dataclass
class Standing:
    rank: int
    attempt: Attempt
    contestant: Contestant
    score: int
    duration: timedelta
    tiebreak_distance: int | None


def individual_ranking(round_: Round, *, federation=None, limit: int | None = None) -> list[Standing]:
    """Every participant's best attempt, ranked; with `federation`, only its contestants
    (keeping their rank in the whole contest); with `limit`, the first so many.

    Two queries: the ranking from plain values of every finished attempt, then the attempts
    (with contestant and unit) of the standings returned only — a network-wide round has tens
    of thousands of attempts, and building every one as an object took seconds when the page
    shows ten."""
    rows = (
        Attempt.objects.finished()
        .filter(round=round_)
        .order_by("contestant_id", "pk")
        .values_list(
            "pk",
            "contestant_id",
            "score",
            "duration",
            "tiebreak_answer",
            "submitted_at",
            "contestant__unit__federation_id",
        )
    )
    ranked = _rank(rows, round_)
    if federation is not None:
        ranked = [row for row in ranked if row[3] == federation.pk]
    if limit is not None:
        ranked = ranked[:limit]
    attempts = Attempt.objects.select_related("contestant__unit__group").in_bulk([row[1] for row in ranked])
    return [
        Standing(rank, attempts[pk], attempts[pk].contestant, attempts[pk].score or 0, attempts[pk].duration, distance)
        for rank, pk, distance, _federation_id in ranked
    ]


def _rank(rows, round_: Round) -> list[tuple]:
    """(rank, attempt id, tie-break distance, federation id) of each contestant's best attempt."""
    correct = round_.tiebreak_answer
    best: dict[int, tuple] = {}
    for pk, contestant_id, score, duration, tiebreak, submitted_at, federation_id in rows:
        distance = abs(tiebreak - correct) if correct is not None and tiebreak is not None else None
        key = (-(score or 0), duration or timedelta.max, distance is None, distance or 0, submitted_at, pk)
        if contestant_id not in best or key < best[contestant_id][0]:
            best[contestant_id] = (key, pk, distance, federation_id)
    ordered = sorted(best.values(), key=lambda item: item[0])
    standings = []
    previous = None
    for position, (key, pk, distance, federation_id) in enumerate(ordered, start=1):
        # Equal on every ranking criterion → same rank (1, 2, 2, 4).
        tie = key[:4]
        rank = standings[-1][0] if previous == tie else position
        previous = tie
        standings.append((rank, pk, distance, federation_id))
    return standings


def unit_ranking(round_: Round | None = None, *, contest: Contest | None = None, federation=None) -> list[dict]:
    """Units by participants then entries, in one round or (with contest=) the whole contest;
    with `federation`, that federation's units only (ranked among themselves)."""
    finished = Q(attempts__submitted_at__isnull=False)
    if round_ is not None:
        finished &= Q(attempts__round=round_)
        contest = round_.contest
    contestants = Contestant.objects.filter(contest=contest)
    if federation is not None:
        contestants = contestants.filter(unit__federation=federation)
    rows = (
        contestants.values("unit_id", "unit__name", "unit__group__name", "unit__federation_id")
        .annotate(
            participants=Count("pk", filter=finished, distinct=True),
            entries=Count("attempts", filter=finished),
        )
        .filter(participants__gt=0)
        .order_by("-participants", "-entries", "unit__name")
    )
    ranking = []
    for position, row in enumerate(rows, start=1):
        tie = ranking and (ranking[-1]["participants"], ranking[-1]["entries"]) == (row["participants"], row["entries"])
        ranking.append(
            {
                "rank": ranking[-1]["rank"] if tie else position,
                "unit": row["unit__name"],
                "group": row["unit__group__name"] or "",
                "federation": name_of(row["unit__federation_id"]) if contest.network_wide else "",
                "participants": row["participants"],
                "entries": row["entries"],
            }
        )
    return ranking


def federation_ranking(round_: Round) -> list[dict]:
    """A network-wide round's federations: participants, entries, the average and the top of
    each participant's best score. One query, a row per participant (three numbers each)."""
    best = (
        Attempt.objects.finished()
        .filter(round=round_)
        .values("contestant_id", "contestant__unit__federation_id")
        .annotate(best=Max("score"), entries=Count("pk"))
        .order_by()
    )
    totals: dict = {}
    for row in best:
        found = totals.setdefault(
            row["contestant__unit__federation_id"], {"participants": 0, "entries": 0, "score_sum": 0, "top": 0}
        )
        found["participants"] += 1
        found["entries"] += row["entries"]
        found["score_sum"] += row["best"] or 0
        found["top"] = max(found["top"], row["best"] or 0)
    rows = [
        {
            "federation_id": federation_id,
            "federation": name_of(federation_id),
            "participants": found["participants"],
            "entries": found["entries"],
            "average": round(found["score_sum"] / found["participants"], 2),
            "top": found["top"],
        }
        for federation_id, found in totals.items()
    ]
    rows.sort(key=lambda row: (-row["participants"], -row["entries"], -row["average"], row["federation"]))
    ranking = []
    for position, row in enumerate(rows, start=1):
        previous = ranking[-1] if ranking else None
        tie = previous and all(previous[key] == row[key] for key in ("participants", "entries", "average"))
        ranking.append({"rank": previous["rank"] if tie else position, **row})
    return ranking
