import datetime

import factory
from django.utils import timezone

from legal import services
from legal.models import Adviser, Question, Topic

NOW = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=7)))


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Chủ đề {n}")
    slug = factory.Sequence(lambda n: f"chu-de-{n}")


class AdviserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Adviser

    name = "Luật sư Hoàng Minh Đức"
    title = "Trưởng Văn phòng tư vấn pháp luật Công đoàn tỉnh"


def question(*, topic=None, text="Công ty nợ lương hai tháng thì tôi có được nghỉ việc ngay không?", now=NOW,
             phone="0912345678", email="", name="Nguyễn Thị Hoa", place="Thái Nguyên", salutation="chi",
             allow_publication=True, workplace="") -> Question:  # fmt: skip
    """A member's question, received through the service the form uses."""
    return services.submit_question(
        topic=topic or TopicFactory(name="Tiền lương", slug="tien-luong"),
        question=text,
        salutation=salutation,
        asker_name=name,
        phone=phone,
        email=email,
        workplace=workplace,
        place=place,
        allow_publication=allow_publication,
        consent=True,
        now=now,
    ).question


def answered(*, adviser=None, answer="<p>Có. Theo điểm b khoản 2 Điều 35 Bộ luật Lao động năm 2019.</p>", **kwargs):
    item = question(**kwargs)
    adviser = adviser or AdviserFactory()
    services.assign(question=item, adviser=adviser, now=item.submitted_at + datetime.timedelta(hours=2))
    item.answer = answer
    item.save()
    services.record_answer(question=item, adviser=adviser, now=item.submitted_at + datetime.timedelta(hours=26))
    return item


def published(*, title="Bị nợ lương có được nghỉ việc ngay?", published_at=None, **kwargs):
    item = answered(**kwargs)
    publication = services.draft_publication(question=item, title=title)
    services.publish(publication=publication, now=published_at or item.answered_at + datetime.timedelta(hours=1))
    publication.refresh_from_db()
    return publication


def local(value):
    return timezone.localtime(value)
