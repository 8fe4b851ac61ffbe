"""How numbers typed by contestants are read: one rule for phones, dates and the tie-break answer.

Every Unicode decimal digit (category Nd: ASCII, full-width ０–９, Arabic-Indic ٠–٩, Devanagari
०–९, …) is folded to its ASCII digit, so a phone keyboard set to another script still types the
same number, and "٠٩١٢٣٤٥٦٧٨" is the same phone as "0912345678". Any other character that
Python's `isdigit()` accepts (superscripts ² ³, subscripts, circled ①) is refused with a message:
it is no digit of any writing system, and `int()` cannot read it.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError

# Vietnamese groups thousands with dots (4.155); phones and pasted numbers bring spaces, also
# the no-break and thin ones.
GROUPING = re.compile(r"[.\s\u00a0\u2009\u202f]")
ASCII_DIGITS = re.compile(r"[0-9]+")


def fold_digits(value: str) -> str:
    """`value` with every decimal digit as ASCII 0–9; ValidationError for other digit-like signs."""
    folded = []
    for char in value:
        if char.isdigit() and not char.isascii():
            digit = unicodedata.decimal(char, None)
            if digit is None:
                raise ValidationError(
                    f"Ký tự “{char}” không phải chữ số: hãy chỉ dùng các chữ số 0–9.", code="not_a_digit"
                )
            char = str(digit)
        folded.append(char)
    return "".join(folded)


def parse_whole_number(value: str, *, max_digits: int) -> int:
    """A non-negative whole number as contestants write it: "4.155", "4 155", "４１５５" → 4155.

    Raises ValidationError (in Vietnamese) for anything else: signs, decimals, letters,
    superscripts, more than `max_digits` digits.
    """
    value = str(value).strip()
    if len(value) > 2 * max_digits:  # before folding: a pasted essay is refused in constant time
        raise ValidationError(f"Số quá lớn: tối đa {max_digits} chữ số.", code="too_many_digits")
    digits = GROUPING.sub("", fold_digits(value))
    if not ASCII_DIGITS.fullmatch(digits):
        raise ValidationError(
            "Cần một số nguyên không âm, chỉ gồm các chữ số 0–9 (có thể tách nhóm bằng dấu chấm, ví dụ 4.155).",
            code="not_a_number",
        )
    if len(digits) > max_digits:
        raise ValidationError(f"Số quá lớn: tối đa {max_digits} chữ số.", code="too_many_digits")
    return int(digits)
