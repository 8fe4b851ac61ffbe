"""Demo legal Q&A for `manage.py load_demo` (idempotent: topics by slug, questions by their text).

Questions and answers written for this project from the Labour Code 2019 (Bộ luật Lao động
số 45/2019/QH14) and the Law on Occupational Safety and Health 2015; dates relative to the day
of loading, so the office's figures have a few months of history.
"""

import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from congdoan.models import Membership
from congdoan.tenancy import activate, this_federation
from documents.models import Document

from . import services
from .models import Adviser, Publication, Question, Topic
from .roles import ADVISER_GROUP

LABOUR_CODE = "45/2019/QH14"  # Bộ luật Lao động 2019, in documents.demo

TOPICS = [
    ("hop-dong-lao-dong", "Hợp đồng lao động", "Giao kết, thử việc, chấm dứt hợp đồng lao động."),
    ("tien-luong", "Tiền lương", "Lương, thưởng, trả lương chậm, làm thêm giờ."),
    ("bao-hiem-xa-hoi", "Bảo hiểm xã hội", "Ốm đau, thai sản, tai nạn lao động, hưu trí, trợ cấp."),
    ("ky-luat-lao-dong", "Kỷ luật lao động", "Nội quy, xử lý kỷ luật, sa thải."),
    ("thoi-gio-lam-viec", "Thời giờ làm việc, nghỉ ngơi", "Giờ làm, làm thêm giờ, nghỉ hằng năm, nghỉ lễ."),
    ("an-toan-lao-dong", "An toàn, vệ sinh lao động", "Tai nạn lao động, bệnh nghề nghiệp, bảo hộ lao động."),
]

ADVISERS = [
    ("tuvanvien", "Luật sư Hoàng Minh Đức", "Trưởng Văn phòng tư vấn pháp luật Công đoàn tỉnh"),
    (None, "Nông Thị Thu Hà", "Phó Trưởng ban Chính sách – Pháp luật, LĐLĐ tỉnh"),
]

# (topic slug, salutation, name, place, days ago, question, answer or None, state, public title)
QUESTIONS = [
    (
        "bao-hiem-xa-hoi",
        "chi",
        "Lường Thị Hạnh",
        "Bắc Kạn",
        130,
        "Tôi là công nhân may, đóng bảo hiểm xã hội được 8 tháng thì nghỉ sinh con vào tháng trước. "
        "Công ty nói tôi chưa đủ thời gian đóng nên không được hưởng chế độ thai sản. Công ty nói vậy có đúng không?",
        "<p>Theo quy định của pháp luật về bảo hiểm xã hội, lao động nữ sinh con được hưởng chế độ thai sản "
        "khi đã đóng bảo hiểm xã hội bắt buộc <strong>từ đủ 6 tháng trở lên trong thời gian 12 tháng trước khi "
        "sinh con</strong>. Chị đã đóng 8 tháng nên đủ điều kiện.</p>"
        "<p>Theo Điều 139 Bộ luật Lao động năm 2019, chị được nghỉ thai sản trước và sau khi sinh con 6 tháng; "
        "trong thời gian này chị hưởng trợ cấp thai sản từ quỹ bảo hiểm xã hội và trợ cấp một lần khi sinh con.</p>"
        "<p>Chị đề nghị công ty lập hồ sơ gửi cơ quan bảo hiểm xã hội. Nếu công ty vẫn từ chối, chị liên hệ Công "
        "đoàn cơ sở hoặc gọi đường dây nóng của Văn phòng để được hỗ trợ.</p>",
        "published",
        "Đóng bảo hiểm xã hội 8 tháng có được hưởng chế độ thai sản?",
    ),
    (
        "ky-luat-lao-dong",
        "anh",
        "Triệu Văn Khánh",
        "Thái Nguyên",
        96,
        "Tôi làm ở xưởng cơ khí, đi làm muộn 3 lần trong một tháng. Giám đốc gọi lên và nói sẽ sa thải tôi "
        "ngay, không họp hành gì. Công ty có được sa thải tôi như vậy không?",
        "<p>Không. Theo Điều 125 Bộ luật Lao động năm 2019, sa thải chỉ áp dụng trong các trường hợp luật kể tên "
        "(trộm cắp, tham ô, đánh bạc, cố ý gây thương tích, tái phạm khi chưa được xóa kỷ luật, tự ý bỏ việc "
        "5 ngày cộng dồn trong 30 ngày hoặc 20 ngày cộng dồn trong 365 ngày không có lý do chính đáng…). Đi làm "
        "muộn 3 lần không thuộc các trường hợp này.</p>"
        "<p>Việc xử lý kỷ luật phải theo Điều 122: người sử dụng lao động phải chứng minh lỗi, phải có sự tham "
        "gia của tổ chức đại diện người lao động tại cơ sở mà anh là thành viên, anh có quyền tự bào chữa hoặc nhờ "
        "người khác bào chữa, và việc xử lý phải được ghi thành biên bản.</p>"
        "<p>Nếu công ty chấm dứt hợp đồng trái luật, anh có quyền yêu cầu nhận lại làm việc và được trả lương, "
        "đóng bảo hiểm cho những ngày không được làm việc (Điều 41).</p>",
        "published",
        "Đi làm muộn 3 lần có bị sa thải?",
    ),
    (
        "thoi-gio-lam-viec",
        "chi",
        "Hà Thị Mai",
        "Bắc Ninh",
        70,
        "Công ty điện tử nơi tôi làm yêu cầu làm thêm mỗi ngày 4 tiếng, kể cả Chủ nhật, tháng vừa rồi tôi làm "
        "thêm hơn 70 giờ. Pháp luật cho phép làm thêm tối đa bao nhiêu giờ và tiền làm thêm được tính thế nào?",
        "<p>Theo Điều 107 Bộ luật Lao động năm 2019, làm thêm giờ phải được người lao động đồng ý và không quá "
        "50% số giờ làm việc bình thường trong một ngày, <strong>không quá 40 giờ trong một tháng</strong> và "
        "không quá 200 giờ trong một năm (300 giờ với một số ngành, nghề như dệt, may, da, giày, điện, điện tử). "
        "Làm thêm hơn 70 giờ một tháng là vượt giới hạn.</p>"
        "<p>Tiền lương làm thêm giờ (Điều 98) ít nhất bằng 150% vào ngày thường, 200% vào ngày nghỉ hằng tuần "
        "và 300% vào ngày nghỉ lễ, tết, ngày nghỉ có hưởng lương (chưa kể tiền lương ngày lễ).</p>",
        "published",
        "Làm thêm giờ tối đa bao nhiêu giờ một tháng?",
    ),
    (
        "hop-dong-lao-dong",
        "ban",
        "Đặng Quốc Tuấn",
        "Cao Bằng",
        45,
        "Em vừa tốt nghiệp cao đẳng, công ty bắt thử việc 3 tháng với lương bằng 70% lương chính thức. "
        "Như vậy có đúng luật không ạ?",
        "<p>Theo Điều 25 Bộ luật Lao động năm 2019, thời gian thử việc với công việc cần trình độ chuyên môn, "
        "kỹ thuật từ cao đẳng trở lên <strong>không quá 60 ngày</strong>; chỉ công việc của người quản lý doanh "
        "nghiệp mới được thử việc đến 180 ngày.</p>"
        "<p>Theo Điều 26, tiền lương thử việc do hai bên thỏa thuận nhưng <strong>ít nhất bằng 85%</strong> mức "
        "lương của công việc đó. Thỏa thuận thử việc 3 tháng với 70% lương là trái quy định; bạn có thể đề nghị "
        "công ty sửa lại, hoặc nhờ Công đoàn cơ sở can thiệp.</p>",
        "published",
        "Thử việc 3 tháng, hưởng 70% lương có đúng luật?",
    ),
    (
        "tien-luong",
        "anh",
        "Lò Văn Thắng",
        "Sơn La",
        30,
        "Công ty nợ lương hai tháng, hẹn mãi không trả. Tôi muốn nghỉ việc luôn thì có phải báo trước không, "
        "và tiền lương bị nợ có được tính lãi không?",
        "<p>Khi không được trả đủ lương hoặc trả lương không đúng thời hạn, anh có quyền đơn phương chấm dứt "
        "hợp đồng lao động <strong>không cần báo trước</strong> (điểm b khoản 2 Điều 35 Bộ luật Lao động năm "
        "2019).</p>"
        "<p>Theo Điều 97, nếu trả lương chậm từ 15 ngày trở lên, người sử dụng lao động phải đền bù cho anh một "
        "khoản tiền ít nhất bằng số tiền lãi của số tiền trả chậm. Trong 14 ngày làm việc kể từ ngày chấm dứt hợp "
        "đồng, công ty phải thanh toán đầy đủ các khoản liên quan đến quyền lợi của anh (Điều 48).</p>",
        "published",
        "Bị nợ lương hai tháng, nghỉ việc có phải báo trước?",
    ),
    (
        "an-toan-lao-dong",
        "chi",
        "Vi Thị Lan",
        "Lạng Sơn",
        12,
        "Chồng tôi bị máy cán dập vào tay khi đang làm ca đêm ở nhà máy, phải nằm viện 3 tuần. Công ty chỉ "
        "trả tiền viện phí một nửa. Chồng tôi có được công ty trả lương trong thời gian điều trị không?",
        "<p>Theo Điều 38 Luật An toàn, vệ sinh lao động năm 2015, người sử dụng lao động phải "
        "<strong>thanh toán toàn bộ chi phí y tế</strong> từ khi sơ cứu, cấp cứu đến khi điều trị ổn định (phần "
        "đồng chi trả và chi phí không nằm trong danh mục bảo hiểm y tế), và <strong>trả đủ tiền lương</strong> "
        "theo hợp đồng lao động cho người bị tai nạn lao động phải nghỉ việc trong thời gian điều trị.</p>"
        "<p>Sau khi điều trị ổn định, anh được giám định mức suy giảm khả năng lao động; từ 5% trở lên thì được "
        "hưởng trợ cấp từ quỹ bảo hiểm tai nạn lao động.</p>",
        "answered",
        "",
    ),
    (
        "hop-dong-lao-dong",
        "chi",
        "Phạm Thu Trang",
        "Thái Nguyên",
        6,
        "Tôi đang nuôi con 9 tháng tuổi, công ty thông báo sẽ chấm dứt hợp đồng với tôi vì lý do cắt giảm "
        "chi phí. Tôi phải làm gì?",
        None,
        "assigned",
        "",
    ),
    (
        "tien-luong",
        "anh",
        "Nguyễn Văn Bình",
        "Bắc Kạn",
        2,
        "Công ty trả lương cho tôi thấp hơn lương tối thiểu vùng, có đúng không? Tôi làm ở huyện Chợ Mới.",
        None,
        "new",
        "",
    ),
    (
        "bao-hiem-xa-hoi",
        "ong",
        "Hoàng Văn Sơn",
        "Bắc Kạn",
        20,
        "Cho tôi hỏi cách đăng ký tài khoản ngân hàng để nhận lương hưu.",
        None,
        "refused",
        "",
    ),
]


def _adviser_account(stdout) -> object:
    """The demo adviser's account, `tuvanvien`, with the role "Tư vấn viên"; a new password each run."""
    user_model = get_user_model()
    user, _ = user_model.objects.get_or_create(
        username="tuvanvien", defaults={"first_name": "Minh Đức", "last_name": "Hoàng", "is_staff": True}
    )
    password = secrets.token_urlsafe(12)
    user.set_password(password)
    user.is_staff = True
    user.save()
    # Roles are per federation (congdoan.models.Membership): the adviser's is in the demo's.
    group, _ = Group.objects.get_or_create(name=ADVISER_GROUP)
    Membership.objects.update_or_create(user=user, federation=this_federation(), defaults={"role": group})
    stdout.write(f"Tư vấn viên mẫu: tuvanvien / {password}")
    return user


def load(*, stdout) -> None:
    # The default federation's office: its own topics, advisers and questions, never another
    # federation's rows of the same slug or text (outside a request the managers see them all).
    with transaction.atomic(), activate(this_federation()):
        topics = {}
        for order, (slug, name, description) in enumerate(TOPICS):
            topics[slug], _ = Topic.objects.get_or_create(
                slug=slug, defaults={"name": name, "description": description, "order": order}
            )
        user = _adviser_account(stdout)
        advisers = []
        for username, name, title in ADVISERS:
            adviser, _ = Adviser.objects.get_or_create(
                name=name, defaults={"title": title, "user": user if username else None}
            )
            advisers.append(adviser)
        now = timezone.now()
        created = 0
        for index, (topic, salutation, name, place, days, text, answer, state, title) in enumerate(QUESTIONS):
            if Question.objects.filter(question=text).exists():
                continue
            submitted = now - timedelta(days=days, hours=index * 3)
            submission = services.submit_question(
                topic=topics[topic],
                question=text,
                salutation=salutation,
                asker_name=name,
                phone=f"09{12345670 + index:08d}",
                place=place,
                allow_publication=state != "refused",
                consent=True,
                now=submitted,
            )
            question = submission.question
            created += 1
            adviser = advisers[index % len(advisers)]
            if state == "new":
                continue
            services.assign(question=question, adviser=adviser, now=submitted + timedelta(hours=5))
            if state == "refused":
                services.refuse(
                    question=question,
                    reason="Câu hỏi về thủ tục của ngân hàng, không thuộc lĩnh vực pháp luật lao động, công đoàn. "
                    "Ông vui lòng liên hệ trực tiếp ngân hàng hoặc cơ quan bảo hiểm xã hội huyện.",
                    now=submitted + timedelta(days=1),
                )
                continue
            if answer is None:
                continue
            question.answer = answer
            question.internal_note = "Đã đối chiếu Bộ luật Lao động 2019."
            question.save()
            services.record_answer(question=question, adviser=adviser, now=submitted + timedelta(days=1 + index % 3))
            if state == "published":
                publication = services.draft_publication(question=question, title=title)
                # Every demo answer rests on the Labour Code, when the register's demo has it.
                publication.documents.set(Document.objects.filter(number=LABOUR_CODE))
                services.publish(publication=publication, now=question.answered_at + timedelta(days=1))
        stdout.write(
            f"Hỏi đáp pháp luật: {Topic.objects.count()} chủ đề, {created} câu hỏi mới, "
            f"{Publication.objects.published().count()} câu đã công bố."
        )
