"""Members' forms: asking a question and looking up its answer. Plain HTML forms (no script).

Every posted value gets a Vietnamese answer: invisible format characters (bidi marks,
zero-width spaces) are dropped, digits of any script count as 0–9 (contests.numbers), look-alike
signs in a phone number are a field error, and over-long text is refused with its limit.
"""

import re
import time
import unicodedata

from captcha.fields import CaptchaField, CaptchaTextInput
from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError

from congdoan.admin_input import CheckedModelChoiceField
from contests.models import normalize_phone
from contests.numbers import fold_digits

from .models import CODE_PATTERN, QUESTION_MAX_CHARS, QUESTION_MIN_CHARS, Salutation, Topic

STARTED_SALT = "legal.ask.started"
STARTED_MAX_AGE = 24 * 3600  # a form left open over a day is sent again, with a fresh timestamp
CONSENT_TEXT = (
    "Tôi đồng ý để Văn phòng tư vấn pháp luật Công đoàn xử lý họ tên, số điện thoại, thư điện tử "
    "và nơi làm việc tôi cung cấp, chỉ để trả lời câu hỏi này, theo Nghị định 13/2023/NĐ-CP về bảo vệ "
    "dữ liệu cá nhân. Các thông tin này không bao giờ được công bố."
)
PUBLISH_CHOICES = [
    ("co", "Có: cho phép công bố câu hỏi và câu trả lời sau khi đã bỏ mọi thông tin cá nhân"),
    ("khong", "Không: chỉ trả lời riêng cho tôi"),
]


def clean_text(value: str, *, multiline: bool = False) -> str:
    """NFC text without invisible format characters (bidi marks, zero-width spaces) or control
    characters (a line break kept in a multi-line text)."""
    kept = []
    for char in unicodedata.normalize("NFC", value):
        category = unicodedata.category(char)
        if category == "Cf" or (category == "Cc" and not (multiline and char in "\n\t")):
            continue
        kept.append(char)
    text = "".join(kept)
    if multiline:
        return "\n".join(line.rstrip() for line in text.strip().splitlines())
    return " ".join(text.split())


class PlainCharField(forms.CharField):
    def __init__(self, *, multiline: bool = False, **kwargs):
        self.multiline = multiline
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return clean_text(value, multiline=self.multiline) if value else value


class ChallengeInput(CaptchaTextInput):
    """django-simple-captcha's image and box, with a Vietnamese description of the image."""

    template_name = "legal/widgets/challenge.html"


class ChallengeField(CaptchaField):
    def __init__(self, **kwargs):
        super().__init__(
            label="Mã xác nhận",
            help_text="Gõ lại các chữ cái trong hình (không phân biệt chữ hoa, chữ thường). "
            "Không đọc được? Bấm “Gửi” để nhận hình khác.",
            error_messages={"invalid": "Mã xác nhận chưa đúng. Hãy gõ lại các chữ trong hình mới.",
                            "required": "Hãy gõ các chữ trong hình."},
            widget=ChallengeInput(),
            **kwargs,
        )  # fmt: skip


class ChallengeMixin:
    """Adds the challenge field when asked; `add_challenge()` after validation keeps the
    member's values and shows the image without an error."""

    challenge_name = "xac_nhan"

    def _init_challenge(self, challenge: bool) -> None:
        self.challenge = challenge
        if challenge:
            self.fields[self.challenge_name] = ChallengeField()

    def add_challenge(self) -> None:
        self.challenge = True
        self.fields[self.challenge_name] = ChallengeField()


class AskForm(ChallengeMixin, forms.Form):
    salutation = forms.ChoiceField(label="Xưng hô", choices=Salutation.choices, initial=Salutation.CHI)
    asker_name = PlainCharField(
        label="Họ và tên", max_length=120, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    phone = forms.CharField(
        label="Số điện thoại",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel", "placeholder": "09xxxxxxxx"}),
    )
    email = forms.EmailField(
        label="Thư điện tử",
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": "Địa chỉ thư điện tử chưa đúng, ví dụ đúng: ten@gmail.com."},
    )
    workplace = PlainCharField(label="Nơi làm việc (không bắt buộc)", required=False, max_length=200)
    place = PlainCharField(label="Tỉnh, thành phố (không bắt buộc)", required=False, max_length=80)
    topic = CheckedModelChoiceField(
        label="Chủ đề",
        queryset=Topic.objects.all(),
        empty_label="— Chọn chủ đề —",
        error_messages={"invalid_choice": "Hãy chọn một chủ đề trong danh sách."},
    )
    question = PlainCharField(
        label="Câu hỏi",
        multiline=True,
        min_length=QUESTION_MIN_CHARS,
        max_length=QUESTION_MAX_CHARS,
        help_text=f"Viết rõ sự việc, thời gian, loại hợp đồng; tối đa {QUESTION_MAX_CHARS:,} ký tự.".replace(",", "."),
        widget=forms.Textarea(attrs={"rows": 8, "cols": 60}),
    )
    publish = forms.ChoiceField(
        label="Cho phép công bố ẩn danh?", choices=PUBLISH_CHOICES, widget=forms.RadioSelect,
        error_messages={"required": "Hãy chọn có hay không cho phép công bố ẩn danh."},
    )  # fmt: skip
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": "Cần đồng ý cho xử lý dữ liệu cá nhân thì Văn phòng mới trả lời được."},
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)
    # The honeypot: hidden from people by CSS and from screen readers by aria-hidden.
    website = forms.CharField(
        label="Để trống ô này", required=False, max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )  # fmt: skip

    def __init__(self, *args, challenge: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self._init_challenge(challenge)
        self.too_fast = False
        if not self.is_bound:
            self.initial["started"] = signing.dumps(time.time(), salt=STARTED_SALT)
        self.fields["topic"].queryset = Topic.objects.all()
        for name, message in {
            "asker_name": "Hãy ghi họ và tên.",
            "topic": "Hãy chọn một chủ đề.",
            "question": "Hãy viết câu hỏi.",
        }.items():
            self.fields[name].error_messages["required"] = message
        self.fields["question"].error_messages.update(
            min_length=f"Câu hỏi quá ngắn: hãy viết ít nhất {QUESTION_MIN_CHARS} ký tự.",
            max_length=f"Câu hỏi dài quá {QUESTION_MAX_CHARS:,} ký tự".replace(",", ".")
            + " (hiện có %(show_value)d). Hãy viết gọn lại, hoặc gọi đường dây nóng.",
        )
        for name in ("asker_name", "workplace", "place", "email"):
            self.fields[name].error_messages["max_length"] = "Quá dài: tối đa %(limit_value)d ký tự."

    def clean_phone(self):
        value = self.cleaned_data["phone"].strip()
        return normalize_phone(value) if value else ""

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise ValidationError(
                "Ô “Để trống ô này” phải để trống. Hãy xóa nội dung trong ô đó rồi gửi lại.", code="honeypot"
            )
        return ""

    def clean_started(self):
        try:
            started = signing.loads(self.cleaned_data["started"], salt=STARTED_SALT, max_age=STARTED_MAX_AGE)
        except signing.SignatureExpired:
            raise ValidationError("Biểu mẫu đã mở quá một ngày. Hãy bấm “Gửi” lần nữa.", code="expired") from None
        except signing.BadSignature:
            raise ValidationError(
                "Biểu mẫu gửi lên không còn nguyên vẹn. Hãy bấm “Gửi” lần nữa.", code="bad_started"
            ) from None
        self.too_fast = time.time() - float(started) < settings.LEGAL_MIN_FILL_SECONDS
        return started

    def clean(self):
        cleaned = super().clean()
        if "phone" in cleaned and "email" in cleaned and not cleaned["phone"] and not cleaned["email"]:
            self.add_error("phone", "Hãy ghi số điện thoại hoặc thư điện tử (ít nhất một) để nhận trả lời.")
        if self.errors.get("started"):
            # A fresh timestamp for the next try (the form shows again with the member's text).
            data = self.data.copy()
            data["started"] = signing.dumps(time.time(), salt=STARTED_SALT)
            self.data = data
        return cleaned

    def contact_key(self) -> str:
        return self.cleaned_data["phone"] or self.cleaned_data["email"]


class LookupForm(ChallengeMixin, forms.Form):
    code = forms.CharField(
        label="Mã tra cứu",
        max_length=40,
        help_text="Ví dụ: HD-2026-000123 (trong thư xác nhận hoặc trên trang đã gửi câu hỏi).",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
        error_messages={"required": "Hãy ghi mã tra cứu.", "max_length": "Mã tra cứu có dạng HD-2026-000123."},
    )
    contact = forms.CharField(
        label="Số điện thoại hoặc thư điện tử đã dùng khi hỏi",
        max_length=254,
        error_messages={
            "required": "Hãy ghi số điện thoại hoặc thư điện tử đã dùng khi gửi câu hỏi.",
            "max_length": "Quá dài: tối đa 254 ký tự.",
        },
    )

    def __init__(self, *args, challenge: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self._init_challenge(challenge)

    def clean_code(self):
        value = re.sub(r"\s+", "", fold_digits(clean_text(self.cleaned_data["code"])).upper())
        if not CODE_PATTERN.fullmatch(value):
            raise ValidationError("Mã tra cứu có dạng HD-2026-000123.", code="bad_code")
        return value

    def clean_contact(self):
        value = clean_text(self.cleaned_data["contact"])
        if "@" in value:
            try:
                forms.EmailField().clean(value)
            except ValidationError:
                raise ValidationError("Địa chỉ thư điện tử chưa đúng.", code="bad_email") from None
            return {"email": value.lower()}
        return {"phone": normalize_phone(value)}
