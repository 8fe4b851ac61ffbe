"""Demo contests for `manage.py load_demo` (idempotent): the demo campaign of kind "Cuộc thi"
gets an online contest with one open round, a small question bank and the demo units; the
national union gets a network-wide contest (`load_for`), which Thái Nguyên's units (above) and
Sơn La's own take part in."""

import datetime

from django.db import transaction
from django.utils import timezone

from campaigns.demo import UNITS
from campaigns.models import Campaign, CampaignKind
from congdoan import demo_network

from .models import Contest, Option, Question, Round, Unit, UnitGroup

CAMPAIGN_SLUG_PREFIX = "cuoc-thi-tim-hieu-phap-luat"

# (question, options, index of the correct option, explanation)
QUESTIONS = [
    ("Công đoàn Việt Nam được thành lập ngày nào?", ["28/7/1929", "3/2/1930", "1/5/1886", "2/9/1945"], 0, ""),
    ("Ngày Quốc tế Lao động là ngày nào?", ["1/5", "28/7", "8/3", "19/5"], 0, ""),
    ("Tháng Công nhân được tổ chức hằng năm vào tháng nào?", ["Tháng 5", "Tháng 7", "Tháng 9", "Tháng 11"], 0, ""),
    ("Ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam là ngày nào?", ["9/11", "2/9", "20/10", "1/1"], 0, ""),
    (
        "Bộ luật Lao động số 45/2019/QH14 có hiệu lực từ ngày nào?",
        ["01/01/2021", "01/07/2020", "01/01/2020", "01/07/2021"],
        0,
        "Điều 220 Bộ luật Lao động năm 2019.",
    ),
    (
        "Theo Bộ luật Lao động năm 2019, thời giờ làm việc bình thường không quá bao nhiêu giờ trong một ngày?",
        ["8 giờ", "10 giờ", "12 giờ", "6 giờ"],
        0,
        "Khoản 1 Điều 105 Bộ luật Lao động năm 2019.",
    ),
    (
        "Cơ quan lãnh đạo cao nhất của Công đoàn Việt Nam là?",
        ["Đại hội Công đoàn Việt Nam", "Ban Chấp hành Tổng Liên đoàn", "Đoàn Chủ tịch", "Ủy ban Kiểm tra"],
        0,
        "",
    ),
    (
        "Đoàn viên công đoàn đóng đoàn phí hằng tháng bằng bao nhiêu phần trăm tiền lương?",
        ["1%", "2%", "0,5%", "3%"],
        0,
        "",
    ),
]


def load(*, stdout) -> None:
    campaign = Campaign.objects.filter(slug__startswith=CAMPAIGN_SLUG_PREFIX).first()
    if campaign is None or Contest.objects.filter(campaign=campaign).exists():
        stdout.write("Cuộc thi trực tuyến: đã có (hoặc không có phong trào mẫu để gắn).")
        return
    now = timezone.now()
    with transaction.atomic():
        contest = Contest.objects.create(
            campaign=campaign,
            slug="tim-hieu-phap-luat-ve-cong-doan",
            rules=(
                "Đối tượng: đoàn viên, người lao động trên địa bàn tỉnh.\n\n"
                "Mỗi lượt thi gồm 5 câu trắc nghiệm rút ngẫu nhiên, 1 câu dự đoán và 1 câu tự luận, làm trong 10 phút; "
                "mỗi người được thi 2 lượt, tính lượt có kết quả cao nhất.\n\n"
                "Xếp hạng theo số câu đúng, rồi thời gian làm bài ngắn hơn, rồi câu dự đoán gần đúng hơn."
            ),
        )
        _open_round(contest, now)
        group, _ = UnitGroup.objects.get_or_create(name="Công đoàn cấp trên cơ sở")
        for order, name in enumerate(UNITS, start=1):
            Unit.objects.get_or_create(name=name, group=group, defaults={"order": order})
    stdout.write(f"Cuộc thi trực tuyến: đã tạo /cuoc-thi/{contest.slug}/ với {len(QUESTIONS)} câu hỏi.")


def _open_round(contest: Contest, now) -> Round:
    """Round 1, open since yesterday for a week, with the demo question bank."""
    round_ = Round.objects.create(
        contest=contest,
        order=1,
        name="Đợt 1",
        starts_at=now - datetime.timedelta(days=1),
        ends_at=now + datetime.timedelta(days=7),
        time_limit_minutes=10,
        attempts_allowed=2,
        questions_per_attempt=5,
        tiebreak_question="Đợt 1 sẽ có bao nhiêu lượt dự thi?",
        essay_question="Bạn làm gì để góp phần xây dựng tổ chức công đoàn cơ sở vững mạnh? (không quá 300 chữ)",
        essay_max_words=300,
    )
    for order, (text, options, correct, explanation) in enumerate(QUESTIONS, start=1):
        question = Question.objects.create(round=round_, text=text, explanation=explanation, order=order)
        Option.objects.bulk_create(
            Option(question=question, text=option, is_correct=index == correct, order=index)
            for index, option in enumerate(options)
        )
    return round_


NATIONAL_CAMPAIGN_SLUG = "cuoc-thi-toan-quoc-tim-hieu-luat-cong-doan-2024"
NATIONAL_CONTEST_SLUG = "tim-hieu-luat-cong-doan-2024"
# Sơn La's own units (Thái Nguyên's are the demo units of `load`).
SONLA_UNITS = [
    ("Khối huyện, thành phố", ["LĐLĐ thành phố Sơn La", "LĐLĐ huyện Mộc Châu", "LĐLĐ huyện Mai Sơn"]),
    ("Công đoàn ngành", ["Công đoàn ngành Giáo dục tỉnh Sơn La", "Công đoàn ngành Y tế tỉnh Sơn La"]),
]


def load_for(federation, *, stdout) -> None:
    """The national union: a network-wide contest; Sơn La: its units (run inside `activate`)."""
    if federation.is_national:
        _national_contest(stdout)
    elif federation.code == demo_network.OTHER:
        with transaction.atomic():
            for group_order, (group_name, names) in enumerate(SONLA_UNITS, start=1):
                group, _ = UnitGroup.objects.get_or_create(name=group_name, defaults={"order": group_order})
                for order, name in enumerate(names, start=1):
                    Unit.objects.get_or_create(name=name, group=group, defaults={"order": order})
        stdout.write(f"Đơn vị dự thi của {federation.short_name}: {Unit.objects.count()}.\n")


def _national_contest(stdout) -> None:
    if Contest.objects.filter(slug=NATIONAL_CONTEST_SLUG).exists():
        stdout.write("Cuộc thi toàn quốc: đã có.\n")
        return
    today = timezone.localdate()
    now = timezone.now()
    with transaction.atomic():
        kind, _ = CampaignKind.objects.get_or_create(slug="cuoc-thi", defaults={"name": "Cuộc thi"})
        campaign, _ = Campaign.objects.get_or_create(
            slug=NATIONAL_CAMPAIGN_SLUG,
            defaults={
                "title": "Cuộc thi trực tuyến toàn quốc “Tìm hiểu Luật Công đoàn năm 2024”",
                "kind": kind,
                "theme": "Hiểu luật, tin yêu tổ chức Công đoàn",
                "summary": "Đoàn viên, người lao động cả nước thi trực tuyến trên điện thoại hoặc máy tính; "
                "giải cho cá nhân và cho các liên đoàn có nhiều người tham gia nhất.",
                "organiser": "Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam",
                "participants": "Đoàn viên công đoàn, người lao động trong cả nước.",
                "start_date": today - datetime.timedelta(days=3),
                "end_date": today + datetime.timedelta(days=30),
                "is_published": True,
            },
        )
        contest = Contest.objects.create(
            campaign=campaign,
            slug=NATIONAL_CONTEST_SLUG,
            network_wide=True,
            rules=(
                "Đối tượng: đoàn viên, người lao động trong cả nước. Khi đăng ký, chọn liên đoàn lao động tỉnh, "
                "thành phố hoặc công đoàn ngành nơi bạn sinh hoạt, rồi chọn đơn vị.\n\n"
                "Mỗi lượt thi gồm 5 câu trắc nghiệm rút ngẫu nhiên, làm trong 10 phút; mỗi người được thi 2 lượt.\n\n"
                "Xếp hạng cá nhân theo số câu đúng, rồi thời gian làm bài; xếp hạng liên đoàn theo số người tham gia."
            ),
        )
        _open_round(contest, now)
    stdout.write(f"Cuộc thi toàn quốc: đã tạo /cuoc-thi/{contest.slug}/ trên trang Tổng Liên đoàn.\n")
