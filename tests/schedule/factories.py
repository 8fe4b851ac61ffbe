import datetime

import factory

from schedule.models import Entry, Week


class WeekFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Week

    starts_on = datetime.date(2026, 11, 30)
    is_published = True


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entry

    week = factory.SubFactory(WeekFactory)
    day = Entry.Day.MONDAY
    session = Entry.Session.MORNING
    start_time = datetime.time(8, 0)
    end_time = datetime.time(11, 30)
    content = "Giao ban Thường trực Liên đoàn Lao động tỉnh"
    venue = "Phòng họp số 1, trụ sở LĐLĐ tỉnh"
    chair = "Đồng chí Chủ tịch LĐLĐ tỉnh"
    attendees = "Các đồng chí Thường trực; Trưởng các ban"
    preparing_unit = "Văn phòng LĐLĐ tỉnh"
