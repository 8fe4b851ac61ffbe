"""Spreads the payload corpus over every staff-editable text field, a few objects at a time.

Each field's payloads are packed into chunks no longer than the field's max_length (a
payload longer than that is cut to it, as the admin would refuse more); the chunks are
spread over ROUNDS rounds, and in each round over as many objects as the field needs.
"""

import datetime
import io
import math
from functools import cache

from django.core.files.base import ContentFile
from django.db import connection
from PIL import Image

from banners.models import Commemoration, Slide, Slogan, TickerSettings
from campaigns.models import Campaign, CampaignKind, Phase, ProgressReport, Target, UnitFigure
from congdoan.models import Federation
from news.models import Article, Section, Tag

from .payloads import PAYLOADS

ROUNDS = 4
TEXT_CAP = 4000  # for TextFields (no max_length): several payloads per object, still all of them

FIELDS = {
    Section: ["name", "description"],
    Tag: ["name"],
    Article: [
        "title", "sapo", "body", "byline_name", "byline_position", "source",
        "cover_caption", "cover_credit", "cover_alt",
    ],
    Slide: ["alt"],
    Slogan: ["text"],
    Commemoration: ["event", "prefix"],
    CampaignKind: ["name"],
    Campaign: [
        "title", "theme", "summary", "body", "organiser", "participants", "cover_alt", "hashtags",
        "external_label", "registrations_label", "attempts_label",
    ],
    Phase: ["label", "name", "description"],
    Target: ["label", "base"],
    ProgressReport: ["note"],
    UnitFigure: ["unit"],
}  # fmt: skip
SINGLETON_FIELDS = {
    Federation: [
        "name_line1", "name_line2", "short_name", "province", "domain", "tagline", "address", "phone",
        "email", "responsible_person", "licence",
    ],
    TickerSettings: ["heading"],
}  # fmt: skip


def storable(value: str) -> str:
    """PostgreSQL text cannot hold NUL; there the NUL payloads keep everything else."""
    if connection.vendor == "postgresql":
        return value.replace("\x00", "\ufffd")
    return value


@cache
def chunks_for(limit: int, payloads: tuple[str, ...] = tuple(PAYLOADS)) -> tuple[str, ...]:
    """All `payloads` packed greedily into strings of at most `limit` characters."""
    chunks, current = [], ""
    for payload in payloads:
        payload = payload[:limit]
        joined = f"{current} {payload}" if current else payload
        if len(joined) <= limit:
            current = joined
        else:
            chunks.append(current)
            current = payload
    chunks.append(current)
    return tuple(chunks)


class Plan:
    """How `payloads` are spread over `rounds` rounds of objects."""

    def __init__(self, payloads=PAYLOADS, rounds=ROUNDS):
        self.payloads = tuple(payloads)
        self.rounds = rounds

    def field_chunks(self, model, field: str) -> tuple[str, ...]:
        return chunks_for(model._meta.get_field(field).max_length or TEXT_CAP, self.payloads)

    def per_round(self, model, fields=None) -> int:
        """Objects of `model` each round needs so that its longest chunk list fits in the rounds."""
        fields = fields or FIELDS[model]
        return math.ceil(max(len(self.field_chunks(model, f)) for f in fields) / self.rounds)

    def values(self, model, round_no: int, index: int) -> dict[str, str]:
        """Field values for object `index` of `model` in round `round_no` (filler once a field is done)."""
        position = round_no * self.per_round(model) + index
        result = {}
        for field in FIELDS[model]:
            chunks = self.field_chunks(model, field)
            result[field] = storable(chunks[position]) if position < len(chunks) else f"Mục thử {position}"
        return result

    def singleton_rounds(self) -> int:
        return max(len(self.field_chunks(model, f)) for model, fields in SINGLETON_FIELDS.items() for f in fields)

    def singleton_values(self, model, number: int) -> dict[str, str]:
        result = {}
        for field in SINGLETON_FIELDS[model]:
            chunks = self.field_chunks(model, field)
            result[field] = storable(chunks[number % len(chunks)])
        return result


FULL = Plan()


def jpeg(width=400, height=250) -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (160, 30, 40)).save(buffer, "JPEG")
    return ContentFile(buffer.getvalue(), name="anh.jpg")


def wide_jpeg() -> ContentFile:
    return jpeg(1200, 300)


def build_round(round_no: int, today: datetime.date, now: datetime.datetime, plan: Plan = FULL) -> dict:
    """Save every model's objects for one round through the ORM; returns them by kind."""
    for model in SINGLETON_FIELDS:
        obj = model.objects.filter(pk=1).first() or model(pk=1)
        for field, value in plan.singleton_values(model, round_no).items():
            setattr(obj, field, value)
        obj.save()

    sections = [
        Section.objects.create(order=i, **plan.values(Section, round_no, i)) for i in range(plan.per_round(Section))
    ]
    tags = [Tag.objects.create(**plan.values(Tag, round_no, i)) for i in range(plan.per_round(Tag))]
    articles = []
    for i in range(plan.per_round(Article)):
        article = Article(
            section=sections[i % len(sections)],
            status=Article.Status.PUBLISHED,
            publish_at=now - datetime.timedelta(hours=i + 1),
            featured=i == 0,
            cover=jpeg(),
            **plan.values(Article, round_no, i),
        )
        article.save()
        articles.append(article)
    for i, tag in enumerate(tags):
        articles[i % len(articles)].tags.add(tag)
        articles[0].tags.add(tag)

    slides = []
    for i in range(plan.per_round(Slide)):
        slide = Slide(image=wide_jpeg(), order=i, **plan.values(Slide, round_no, i))
        slide.save()
        slides.append(slide)
    slogans = [
        Slogan.objects.create(order=i, **plan.values(Slogan, round_no, i)) for i in range(plan.per_round(Slogan))
    ]
    commemorations = [
        Commemoration.objects.create(
            # Multiples of four years back: the same day exists when today is 29/02.
            origin=today.replace(year=today.year - 4 * (3 + i)),
            **plan.values(Commemoration, round_no, i),
        )
        for i in range(plan.per_round(Commemoration))
    ]

    kinds = [
        CampaignKind.objects.create(order=i, slug=f"loai-{round_no}-{i}", **plan.values(CampaignKind, round_no, i))
        for i in range(plan.per_round(CampaignKind))
    ]
    campaigns = []
    for i in range(plan.per_round(Campaign)):
        campaign = Campaign(
            kind=kinds[i % len(kinds)],
            start_date=today - datetime.timedelta(days=20),
            end_date=today + datetime.timedelta(days=20),
            cover=jpeg() if i < plan.per_round(Campaign, ["cover_alt"]) else None,
            external_url="https://cuocthi.example.vn/",
            is_published=True,
            **plan.values(Campaign, round_no, i),
        )
        campaign.save()
        campaign.related_articles.add(articles[i % len(articles)])
        campaigns.append(campaign)
    for i in range(plan.per_round(Phase)):
        Phase.objects.create(
            campaign=campaigns[i % len(campaigns)],
            order=i + 1,
            start_date=today - datetime.timedelta(days=20),
            end_date=today + datetime.timedelta(days=20),
            **plan.values(Phase, round_no, i),
        )
    for i in range(plan.per_round(Target)):
        Target.objects.create(
            campaign=campaigns[i % len(campaigns)],
            order=i + 1,
            value=20,
            base_count=1000,
            **plan.values(Target, round_no, i),
        )
    reports = []
    for i in range(plan.per_round(ProgressReport)):
        reports.append(
            ProgressReport.objects.create(
                campaign=campaigns[i % len(campaigns)],
                as_of=today - datetime.timedelta(days=i // len(campaigns)),
                registrations=100 + i,
                attempts=150 + i,
                **plan.values(ProgressReport, round_no, i),
            )
        )
    latest = {}
    for report in reports:  # the newest report of each campaign is the one its page shows
        if report.campaign_id not in latest or report.as_of > latest[report.campaign_id].as_of:
            latest[report.campaign_id] = report
    latest_reports = list(latest.values())
    for i in range(plan.per_round(UnitFigure)):
        UnitFigure.objects.create(
            report=latest_reports[i % len(latest_reports)],
            registrations=10 + i,
            attempts=20 + i,
            **plan.values(UnitFigure, round_no, i),
        )
    return {
        "sections": sections,
        "tags": tags,
        "articles": articles,
        "slides": slides,
        "slogans": slogans,
        "commemorations": commemorations,
        "kinds": kinds,
        "campaigns": campaigns,
    }
