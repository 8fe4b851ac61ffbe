"""Validators shared by the apps' model fields."""

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible


@deconstructible
class YearRangeValidator:
    def __init__(self, first: int = 1900, last: int = 2100):
        self.first, self.last = first, last

    def __call__(self, value):
        if value is not None and not self.first <= value.year <= self.last:
            raise ValidationError(
                "Năm %(year)s không hợp lệ: hãy nhập một ngày từ năm %(first)s đến năm %(last)s.",
                code="year_out_of_range",
                params={"year": value.year, "first": self.first, "last": self.last},
            )

    def __eq__(self, other):
        return isinstance(other, YearRangeValidator) and (self.first, self.last) == (other.first, other.last)
