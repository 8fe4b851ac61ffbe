import datetime

import factory
from django.contrib.auth import get_user_model

from contests.models import (
    Answer,
    Attempt,
    Contest,
    Contestant,
    Option,
    Question,
    Round,
    Unit,
    UnitGroup,
    contestant_username,
)
from tests.campaigns.factories import CampaignFactory

UTC = datetime.UTC


class ContestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contest

    campaign = factory.SubFactory(CampaignFactory)
    rules = "Mỗi người được thi 2 lượt mỗi đợt.\n\nXếp hạng theo số câu đúng, rồi thời gian làm bài."


class RoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Round

    contest = factory.SubFactory(ContestFactory)
    order = factory.Sequence(lambda n: n + 1)
    name = factory.LazyAttribute(lambda o: f"Đợt {o.order}")
    # 01/11/2023 08:00 → 08/11/2023 08:00, Hà Nội time.
    starts_at = datetime.datetime(2023, 11, 1, 1, 0, tzinfo=UTC)
    ends_at = datetime.datetime(2023, 11, 8, 1, 0, tzinfo=UTC)
    time_limit_minutes = 20
    attempts_allowed = 2
    questions_per_attempt = 3


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question
        skip_postgeneration_save = True

    round = factory.SubFactory(RoundFactory)
    text = factory.Sequence(lambda n: f"Câu hỏi số {n}: Luật Công đoàn quy định điều gì?")
    explanation = "Theo Điều 10 Luật Công đoàn năm 2012."

    @factory.post_generation
    def options(self, create, extracted, **kwargs):
        """Four options, the first correct, unless `options=[(text, correct), …]` or `options=False`."""
        if not create or extracted is False:
            return
        for order, (text, correct) in enumerate(
            extracted or [("Phương án A", True), ("Phương án B", False), ("Phương án C", False), ("Phương án D", False)]
        ):
            Option.objects.create(question=self, text=text, is_correct=correct, order=order)


class UnitGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitGroup
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"LĐLĐ huyện số {n}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Công đoàn cơ sở số {n}")
    group = factory.SubFactory(UnitGroupFactory)


class ContestantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contestant

    contest = factory.SubFactory(ContestFactory)
    full_name = "Nguyễn Thị Hoa"
    phone = factory.Sequence(lambda n: f"09{n:08d}")
    date_of_birth = datetime.date(1990, 5, 17)
    unit = factory.SubFactory(UnitFactory)
    consented_at = datetime.datetime(2023, 10, 31, 1, 0, tzinfo=UTC)
    user = factory.LazyAttribute(
        lambda o: get_user_model().objects.create_user(
            contestant_username(o.contest.pk, o.phone), password="mat-khau-thi-sinh"
        )
    )


class AttemptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attempt

    contestant = factory.SubFactory(ContestantFactory)
    round = factory.SubFactory(RoundFactory, contest=factory.SelfAttribute("..contestant.contest"))
    number = 1
    attempts_allowed = factory.LazyAttribute(lambda o: o.round.attempts_allowed)
    started_at = datetime.datetime(2023, 11, 2, 1, 0, tzinfo=UTC)
    deadline = factory.LazyAttribute(lambda o: o.started_at + datetime.timedelta(minutes=o.round.time_limit_minutes))


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    attempt = factory.SubFactory(AttemptFactory)
    question = factory.LazyAttribute(lambda o: o.option.question)
    saved_at = factory.LazyAttribute(lambda o: o.attempt.started_at)
