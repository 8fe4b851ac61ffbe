"""Vietnamese formats as Vietnamese news sites write them.

Completes Django's own `vi` module, which has no input formats (so "07/08/2024"
was read as 8 July and "28/07/2024" rejected) and no number grouping.
"""

DATE_FORMAT = "d/m/Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "H:i - d/m/Y"
YEAR_MONTH_FORMAT = r"\T\há\n\g n/Y"
MONTH_DAY_FORMAT = "d/m"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday

# The first entry is also what the admin's calendar widget writes into the field.
DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 28/07/2024
    "%d/%m/%y",  # 28/07/24
    "%d-%m-%Y",  # 28-07-2024
    "%d.%m.%Y",  # 28.07.2024
    "%Y-%m-%d",  # 2024-07-28 (ISO)
]
TIME_INPUT_FORMATS = [
    "%H:%M",  # 20:59
    "%H:%M:%S",  # 20:59:30
    "%H:%M:%S.%f",
]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M:%S.%f",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
