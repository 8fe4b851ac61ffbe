"""What members and advisers do, as small functions that validate before they write.

Every function takes keyword arguments and `now` (so tests say when it happens) and runs in a
transaction. Refusals raise `LegalError` with a Vietnamese message for the user.

Mail: one message per recipient, carrying only that recipient's own question (its code, the
link to look it up); an adviser's notice carries the code and the admin link, never the
asker's details. Sent after the transaction commits, through Django's mail (SMTP from the
environment, the console otherwise); a mail server that fails never undoes a submission.
"""

import hmac
import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import strip_tags

from congdoan.tenancy import this_federation

from .models import (
    OPEN_STATUSES,
    Adviser,
    CodeCounter,
    Publication,
    Question,
    Salutation,
    Status,
    Topic,
    format_code,
)

logger = logging.getLogger(__name__)


class LegalError(Exception):
    """A refusal to show the user (in Vietnamese); never a server error."""

    def __init__(self, message: str, *, code: str = "refused"):
        super().__init__(message)
        self.message = message
        self.code = code


# --- Members ------------------------------------------------------------------


def next_code(*, federation_id: int, year: int) -> str:
    """The next tracking code of the year: HD-2026-000001, HD-2026-000002, … per federation.

    The year's counter row is locked (PostgreSQL: a row lock; SQLite: the write transaction),
    so two members submitting at once never get the same number.
    """
    for _attempt in range(3):
        try:
            with transaction.atomic():
                counter, _ = CodeCounter._base_manager.select_for_update().get_or_create(
                    federation_id=federation_id, year=year
                )
                counter.last += 1
                counter.save(update_fields=["last"])
                return format_code(year, counter.last)
        except IntegrityError:  # two first questions of the year created the row at once
            continue
    raise LegalError("Hệ thống đang bận, vui lòng gửi lại sau ít phút.", code="busy")


@dataclass(frozen=True)
class Submission:
    question: Question
    created: bool  # False: the same question from the same contact was already received


def submit_question(
    *,
    topic: Topic,
    question: str,
    salutation: str = Salutation.BAN,
    asker_name: str = "",
    phone: str = "",
    email: str = "",
    workplace: str = "",
    place: str = "",
    allow_publication: bool = False,
    consent: bool,
    now: datetime,
    lookup_url: str = "",
) -> Submission:
    """Record a member's question and give it a tracking code; mail the code when an e-mail is given.

    The same question text from the same phone or e-mail within a day is the same submission
    (a reloaded page, a double tap): its existing code is returned and nothing is sent twice.
    """
    if not consent:
        raise LegalError("Cần đồng ý cho xử lý dữ liệu cá nhân để gửi câu hỏi.", code="no_consent")
    if not phone and not email:
        raise LegalError("Cần ít nhất số điện thoại hoặc thư điện tử để nhận trả lời.", code="no_contact")
    with transaction.atomic():
        contact = {"phone": phone} if phone else {"email": email}
        earlier = (
            Question.objects.filter(**contact, question=question, submitted_at__gte=now - timedelta(days=1))
            .order_by("-pk")
            .first()
        )
        if earlier is not None:
            return Submission(earlier, created=False)
        federation_id = topic.federation_id
        year = timezone.localtime(now).year
        item = Question(
            federation_id=federation_id,
            code=next_code(federation_id=federation_id, year=year),
            topic=topic,
            salutation=salutation,
            asker_name=asker_name,
            phone=phone,
            email=email,
            workplace=workplace,
            place=place,
            question=question,
            allow_publication=allow_publication,
            consented_at=now,
            submitted_at=now,
        )
        item.full_clean()
        item.save()
        if email:
            context = {"question": item, "lookup_url": lookup_url, "federation": this_federation()}
            transaction.on_commit(
                lambda: send_to_asker(item, "legal/mail/received_subject.txt", "legal/mail/received.txt", context)
            )
    return Submission(item, created=True)


def _same(typed: str, stored: str) -> bool:
    return bool(typed) and bool(stored) and hmac.compare_digest(typed.encode(), stored.encode())


def find_own_question(*, code: str, phone: str = "", email: str = "") -> Question | None:
    """The question with this code whose asker gave this phone or e-mail, else None.

    Whether the code exists or the contact is wrong is not told apart: the answer is the same.
    """
    found = Question.objects.select_related("topic", "answered_by", "adviser").filter(code=code).first()
    if found is None:
        return None
    if _same(phone, found.phone) or _same(email.casefold(), found.email.casefold()):
        return found
    return None


# --- Advisers -----------------------------------------------------------------


def assign(*, question: Question, adviser: Adviser, now: datetime) -> None:
    """Give an open question to an adviser (who gets a notice without the asker's details)."""
    if question.status not in OPEN_STATUSES:
        raise LegalError(
            f"Câu hỏi {question.code} đã {question.get_status_display().lower()}, không giao lại được.",
            code="closed",
        )
    with transaction.atomic():
        question.adviser = adviser
        question.assigned_at = now
        question.status = Status.ASSIGNED
        question.save(update_fields=["adviser", "assigned_at", "status", "updated_at"])
        if adviser.user_id and adviser.user.email:
            context = {"question": question, "adviser": adviser, "federation": this_federation()}
            transaction.on_commit(lambda: _send_to_adviser(adviser, context))


def record_answer(*, question: Question, adviser: Adviser | None, now: datetime, answer_url: str = "") -> bool:
    """After the answer was saved: the first answer closes the question and tells the asker.
    True when this was the first answer."""
    if not strip_tags(question.answer or "").strip() or question.answered_at is not None:
        return False
    if question.status == Status.REFUSED:
        raise LegalError("Câu hỏi đã bị từ chối; hãy mở lại trước khi trả lời.", code="refused")
    with transaction.atomic():
        question.answered_at = now
        question.answered_by = adviser or question.adviser
        question.status = Status.ANSWERED
        question.save(update_fields=["answered_at", "answered_by", "status", "updated_at"])
        if question.email:
            context = {"question": question, "lookup_url": answer_url, "federation": this_federation()}
            transaction.on_commit(
                lambda: send_to_asker(question, "legal/mail/answered_subject.txt", "legal/mail/answered.txt", context)
            )
    return True


def refuse(*, question: Question, reason: str, now: datetime) -> None:
    if question.status in (Status.ANSWERED, Status.PUBLISHED):
        raise LegalError(f"Câu hỏi {question.code} đã được trả lời, không từ chối được.", code="answered")
    if not reason.strip():
        raise LegalError("Hãy ghi lý do từ chối: người hỏi sẽ đọc lý do này khi tra cứu.", code="no_reason")
    question.status = Status.REFUSED
    question.refusal_reason = reason
    question.refused_at = now
    question.save(update_fields=["status", "refusal_reason", "refused_at", "updated_at"])


def draft_publication(*, question: Question, title: str = "") -> Publication:
    """A first public version, to be edited: the asker as initials and place, the texts copied
    for the adviser to anonymise. Only for answered questions whose asker allowed it."""
    if not question.allow_publication:
        raise LegalError(
            f"Người hỏi {question.code} không đồng ý công bố câu hỏi, nên không tạo bản công bố.",
            code="not_allowed",
        )
    if question.answered_at is None:
        raise LegalError(f"Câu hỏi {question.code} chưa được trả lời.", code="unanswered")
    existing = Publication.objects.filter(question=question).first()
    if existing is not None:
        return existing
    adviser = question.answered_by or question.adviser
    if adviser is None:
        raise LegalError(f"Câu hỏi {question.code} chưa có tư vấn viên ký tên.", code="no_adviser")
    first_line = " ".join(question.question.split())
    return Publication.objects.create(
        federation_id=question.federation_id,
        question=question,
        title=title or (first_line[:150].rsplit(" ", 1)[0] + "…" if len(first_line) > 150 else first_line),
        topic=question.topic,
        asker_label=question.suggested_asker_label(),
        question_text=question.question,
        answer=question.answer,
        adviser=adviser,
    )


def publish(*, publication: Publication, now: datetime) -> None:
    question = publication.question
    if not question.allow_publication:
        raise LegalError(f"Người hỏi {question.code} không đồng ý công bố.", code="not_allowed")
    if question.answered_at is None:
        raise LegalError(f"Câu hỏi {question.code} chưa được trả lời.", code="unanswered")
    with transaction.atomic():
        if publication.published_at is None:
            publication.published_at = now
            publication.save(update_fields=["published_at", "updated_at"])
        question.status = Status.PUBLISHED
        question.save(update_fields=["status", "updated_at"])


def unpublish(*, publication: Publication) -> None:
    with transaction.atomic():
        publication.published_at = None
        publication.save(update_fields=["published_at", "updated_at"])
        question = publication.question
        question.status = Status.ANSWERED
        question.save(update_fields=["status", "updated_at"])


# --- Privacy ------------------------------------------------------------------

CONTACT_FIELDS = ("asker_name", "phone", "email", "workplace")


def erase_contact(*, question: Question, now: datetime) -> None:
    """Forget who asked (on request, or past the retention period): name, phone, e-mail and
    workplace are emptied; the question, the answers and the public version stay."""
    for name in CONTACT_FIELDS:
        setattr(question, name, "")
    question.contact_erased_at = now
    question.save(update_fields=[*CONTACT_FIELDS, "contact_erased_at", "updated_at"])


def erase_expired_contacts(*, now: datetime, months: int) -> int:
    """Erase the contact details of every question closed more than `months` months ago."""
    count = 0
    for question in Question.objects.contact_expired(now=now, months=months).iterator():
        erase_contact(question=question, now=now)
        count += 1
    return count


def asker_data(question: Question) -> dict:
    """Everything kept about one asker's question, for a request to see their data."""

    def moment(value):
        return timezone.localtime(value).isoformat() if value else None

    return {
        "ma_tra_cuu": question.code,
        "xung_ho": question.get_salutation_display(),
        "ho_ten": question.asker_name,
        "so_dien_thoai": question.phone,
        "thu_dien_tu": question.email,
        "noi_lam_viec": question.workplace,
        "tinh_thanh_pho": question.place,
        "chu_de": question.topic.name,
        "cau_hoi": question.question,
        "dong_y_cong_bo_an_danh": question.allow_publication,
        "dong_y_xu_ly_du_lieu_luc": moment(question.consented_at),
        "gui_luc": moment(question.submitted_at),
        "tinh_trang": question.get_status_display(),
        "tra_loi": question.answer,
        "tra_loi_luc": moment(question.answered_at),
        "ly_do_tu_choi": question.refusal_reason,
        "xoa_thong_tin_lien_he_luc": moment(question.contact_erased_at),
    }


def export_asker_data(questions) -> str:
    return json.dumps([asker_data(question) for question in questions], ensure_ascii=False, indent=2)


# --- Mail ---------------------------------------------------------------------


def send_to_asker(question: Question, subject_template: str, body_template: str, context: dict) -> bool:
    """One message to this question's asker only; False (logged) if the mail server failed."""
    if not question.email:
        return False
    subject = " ".join(render_to_string(subject_template, context).split())
    body = render_to_string(body_template, context)
    return _send(subject, body, question.email, context["federation"])


def _send_to_adviser(adviser: Adviser, context: dict) -> bool:
    subject = " ".join(render_to_string("legal/mail/assigned_subject.txt", context).split())
    body = render_to_string("legal/mail/assigned.txt", context)
    return _send(subject, body, adviser.user.email, context["federation"])


def _send(subject: str, body: str, recipient: str, federation) -> bool:
    message = EmailMessage(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient],
        reply_to=[federation.email] if federation.email else None,
    )
    try:
        message.send()
    except Exception:  # a mail server down must not undo what the member or adviser did
        logger.exception("Legal Q&A: mail to one recipient not sent (%s)", subject)
        return False
    return True
