"""Contestants' forms: registration and login by phone number (errors tied to their fields)."""

import datetime

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe

from congdoan.caching import site_today
from congdoan.security import client_ip
from congdoan.tenancy import everywhere

from . import limits, network
from .models import Contestant, Unit, contestant_username, normalize_phone
from .numbers import fold_digits, parse_whole_number

DATE_FORMAT = "%d/%m/%Y"


def _attributes(attrs: dict) -> str:
    """What Django's `attrs.html` writes: ` name="value"`, a bare name for True, nothing for False."""
    written = []
    for name, value in attrs.items():
        if value is True:
            written.append(f" {conditional_escape(name)}")
        elif value is not False:
            written.append(f' {conditional_escape(name)}="{escape(value)}"')
    return "".join(written)


class UnitSelect(forms.Select):
    """Django's select with its markup written here: its templates rendered each of a
    federation's units (80 in the bench, hundreds in a large federation) through two template
    includes, about half of the registration form's 32 ms of CPU on the 2-core bench machine;
    this writes the same HTML (tests/contests/test_registration_select.py compares them)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        html = [f'<select name="{conditional_escape(widget["name"])}"{_attributes(widget["attrs"])}>']
        for group_name, options, _ in widget["optgroups"]:
            if group_name:
                html.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            for option in options:
                html.append(
                    f'\n  <option value="{escape(option["value"])}"{_attributes(option["attrs"])}>'
                    f"{conditional_escape(option['label'])}</option>\n"  # the option template's last line break
                )
            if group_name:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        return mark_safe("".join(html))  # every value escaped above


class UnitChoiceField(forms.ModelChoiceField):
    widget = UnitSelect

    def label_from_instance(self, unit):
        return f"{unit.name} – {unit.group.name}" if unit.group_id else unit.name


class FederationField(forms.ChoiceField):
    """A network-wide contest's first question: which federation (by code, grouped by kind).

    Cleans to the Federation; a merged federation is named with its successor."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Liên đoàn")
        kwargs.setdefault("help_text", "Liên đoàn Lao động tỉnh, thành phố hoặc công đoàn ngành nơi bạn sinh hoạt.")
        super().__init__(choices=network.grouped_choices, **kwargs)

    def clean(self, value):
        value = (value or "").strip() if isinstance(value, str) else ""
        if not value and not self.required:
            return None
        if not value:
            raise ValidationError("Hãy chọn liên đoàn của bạn.", code="required")
        found = network.by_code(value) if len(value) <= network.CODE_MAX_LENGTH else None
        if found is not None and found.merged_into_id is not None:
            successor = network.name_of(found.merged_into_id)
            raise ValidationError(
                f"{found.short_name} đã hợp nhất vào {successor}: hãy chọn {successor}.", code="merged"
            )
        if found is None or not network.is_eligible(found.pk):
            raise ValidationError("Hãy chọn một liên đoàn trong danh sách.", code="invalid_choice")
        return found


class FederationChoiceForm(forms.Form):
    """Step 1 of registering for a network-wide contest (`?lien_doan=<code>`): a plain GET
    form, so the next page lists only that federation's units (a select of every unit of 60
    federations would be thousands of lines on a phone)."""

    lien_doan = FederationField()


class PhoneField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Số điện thoại")
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel", "placeholder": "09xxxxxxxx"})
        )
        super().__init__(**kwargs)

    def clean(self, value):
        return normalize_phone(super().clean(value))


class DateField(forms.DateField):
    """dd/mm/yyyy, with digits read by the contestants' one rule (contests.numbers)."""

    def to_python(self, value):
        # Short strings only: anything longer than a date fails the format check anyway.
        if isinstance(value, str) and len(value) <= 32:
            value = fold_digits(value)
        return super().to_python(value)


class WholeNumberField(forms.CharField):
    """A non-negative whole number written as contestants do ("4.155", full-width digits…)."""

    def __init__(self, *, max_digits: int = 15, **kwargs):
        self.max_digits = max_digits
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        return parse_whole_number(value, max_digits=self.max_digits)


class AttemptExtrasForm(forms.Form):
    """The tie-break number and the essay posted with an attempt's answers (field names as in
    the page: `du-doan`, `tu-luan`); only the fields the round asks for, only when posted."""

    def __init__(self, data, *, round):
        super().__init__(data)
        if round.tiebreak_question and "du-doan" in data:
            self.fields["du-doan"] = WholeNumberField(label="Câu dự đoán", required=False)
        if round.essay_question and "tu-luan" in data:
            self.fields["tu-luan"] = forms.CharField(label="Câu tự luận", required=False)

    def extras(self) -> dict:
        """Keyword arguments for services.save_extras (an empty answer changes nothing)."""
        cleaned = self.cleaned_data
        extras = {}
        if cleaned.get("du-doan") is not None:
            extras["tiebreak_answer"] = cleaned["du-doan"]
        if "tu-luan" in cleaned:
            extras["essay_answer"] = cleaned["tu-luan"]
        return extras

    def error_messages(self) -> list[str]:
        return [
            f"{self.fields[name].label}: {message[:1].lower()}{message[1:]}"
            for name, errors in self.errors.items()
            for message in errors
        ]


class RegistrationForm(forms.Form):
    full_name = forms.CharField(
        label="Họ và tên", max_length=150, widget=forms.TextInput(attrs={"autocomplete": "name"})
    )
    phone = PhoneField(help_text="Dùng để đăng nhập. Mỗi số chỉ đăng ký một lần.")
    password1 = forms.CharField(
        label="Mật khẩu",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Ít nhất 8 ký tự, không toàn chữ số.",
    )
    password2 = forms.CharField(
        label="Nhập lại mật khẩu", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    email = forms.EmailField(
        label="Thư điện tử (không bắt buộc)", required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    date_of_birth = DateField(
        label="Ngày sinh",
        input_formats=[DATE_FORMAT],
        help_text="Dạng ngày/tháng/năm, ví dụ 17/05/1990.",
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "bday"}),
        error_messages={"invalid": "Ngày sinh phải có dạng ngày/tháng/năm, ví dụ 17/05/1990."},
    )
    unit = UnitChoiceField(
        label="Đơn vị công đoàn",
        queryset=Unit.objects.none(),
        empty_label="— Chọn đơn vị —",
        error_messages={"invalid_choice": "Hãy chọn một đơn vị trong danh sách."},
    )
    consent = forms.BooleanField(
        label="Tôi đã đọc và đồng ý với thể lệ cuộc thi",
        error_messages={"required": "Cần đồng ý với thể lệ để đăng ký dự thi."},
    )

    def __init__(self, *args, contest, federation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.contest = contest
        self.federation = federation
        unit = self.fields["unit"]
        # Built here, not in the class body: the default manager keeps to the federation of the
        # request only when it is called during the request (at import time it sees them all).
        unit.queryset = Unit.objects.filter(is_active=True).select_related("group")
        if contest.network_wide:
            # Step 2: the chosen federation's own units (the view read it with FederationChoiceForm;
            # the page posts its code back in a hidden field, read the same way).
            unit.queryset = everywhere(Unit).filter(federation=federation, is_active=True).select_related("group")
            unit.error_messages = {
                **unit.error_messages,
                "invalid_choice": f"Hãy chọn một đơn vị của {federation.short_name} trong danh sách "
                "(đơn vị của liên đoàn khác: hãy đổi liên đoàn trước).",
            }

    def clean_phone(self):
        phone = self.cleaned_data["phone"]
        if Contestant.objects.filter(contest=self.contest, phone=phone).exists():
            raise ValidationError("Số điện thoại này đã đăng ký cuộc thi. Hãy đăng nhập.", code="taken")
        return phone

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        today = site_today()
        if born > today:
            raise ValidationError("Ngày sinh không được ở tương lai.")
        if born < datetime.date(today.year - 100, 1, 1):
            raise ValidationError("Ngày sinh không hợp lệ.")
        return born

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "Hai lần nhập mật khẩu không giống nhau.")
        elif first:
            user = get_user_model()(first_name=cleaned.get("full_name", ""), username=cleaned.get("phone", ""))
            try:
                password_validation.validate_password(first, user)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class LoginForm(forms.Form):
    """Phone and password, under the contest's own limits (contests/limits.py) instead of
    django-axes': a locked phone or address is refused before any password is hashed, and
    `refusal` tells the view to answer 429."""

    BACKEND = "congdoan.tenancy.FederationRoleBackend"

    phone = PhoneField()
    password = forms.CharField(
        label="Mật khẩu", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    def __init__(self, *args, contest, request, **kwargs):
        super().__init__(*args, **kwargs)
        self.contest = contest
        self.request = request
        self.user = None
        self.refusal = None

    def clean(self):
        cleaned = super().clean()
        phone, password = cleaned.get("phone"), cleaned.get("password")
        if phone and password:
            who = {"contest_id": self.contest.pk, "phone": phone, "address": client_ip(self.request)}
            self.refusal = limits.login_refusal(**who)
            if self.refusal is not None:
                raise ValidationError(self.refusal.message, code="limited")
            user = ModelBackend().authenticate(
                self.request, username=contestant_username(self.contest.pk, phone), password=password
            )
            if user is None or not hasattr(user, "contestant"):
                limits.record_login_failure(**who)
                raise ValidationError("Số điện thoại hoặc mật khẩu không đúng.", code="invalid_login")
            limits.record_login_success(**who)
            user.backend = self.BACKEND
            self.user = user
        return cleaned
