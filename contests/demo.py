"""Demo contest for `manage.py load_demo`: the demo campaign of kind "Cuộc thi" gets an online
contest with one open round, a small question bank and the demo units (idempotent)."""

import datetime

from django.db import transaction
from django.utils import timezone

from campaigns.demo import UNITS
from campaigns.models import Campaign

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
        group, _ = UnitGroup.objects.get_or_create(name="Công đoàn cấp trên cơ sở")
        for order, name in enumerate(UNITS, start=1):
            Unit.objects.get_or_create(name=name, group=group, defaults={"order": order})
    stdout.write(f"Cuộc thi trực tuyến: đã tạo /cuoc-thi/{contest.slug}/ với {len(QUESTIONS)} câu hỏi.")
