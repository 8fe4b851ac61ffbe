import datetime

import factory

from campaigns.models import Campaign, CampaignKind, Phase, ProgressReport, Target, UnitFigure


def contest_kind() -> CampaignKind:
    """The seeded "Cuộc thi" kind (data migration), created if a test flushed it."""
    kind, _ = CampaignKind.objects.get_or_create(slug="cuoc-thi", defaults={"name": "Cuộc thi"})
    return kind


class CampaignKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CampaignKind
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Loại thử {n}")
    slug = factory.Sequence(lambda n: f"loai-thu-{n}")


class CampaignFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Campaign

    title = factory.Sequence(lambda n: f"Cuộc thi tìm hiểu pháp luật lần {n}")
    kind = factory.LazyFunction(contest_kind)
    theme = "Hiểu luật để làm đúng"
    summary = "Cuộc thi dành cho đoàn viên, người lao động trong tỉnh."
    organiser = "Ban Thường vụ LĐLĐ tỉnh"
    participants = "Đoàn viên công đoàn, người lao động."
    start_date = datetime.date(2023, 11, 1)
    end_date = datetime.date(2023, 12, 31)
    is_published = True


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase

    campaign = factory.SubFactory(CampaignFactory)
    order = factory.Sequence(lambda n: n + 1)
    label = factory.LazyAttribute(lambda o: f"Đợt {o.order}")
    name = "TRAO KỲ VỌNG"
    start_date = factory.LazyAttribute(lambda o: o.campaign.start_date)
    end_date = factory.LazyAttribute(lambda o: o.campaign.end_date)
    description = "Trả lời 20 câu hỏi trắc nghiệm và 1 câu tự luận trong 20 phút."


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    campaign = factory.SubFactory(CampaignFactory)
    label = "Đoàn viên công đoàn tham gia"
    value = 20
    unit = Target.Unit.PERCENT
    base = "tổng số đoàn viên"


class ProgressReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressReport

    campaign = factory.SubFactory(CampaignFactory)
    as_of = datetime.date(2023, 11, 23)
    registrations = 4155
    attempts = 6459


class UnitFigureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitFigure

    report = factory.SubFactory(ProgressReportFactory)
    unit = factory.Sequence(lambda n: f"Công đoàn ngành {n}")
    registrations = 100
    attempts = 150
