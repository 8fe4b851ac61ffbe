"""Post hostile values into one admin form, one at a time: a Vietnamese form error or a save,
never a 5xx, never a half save (each post runs in a savepoint that is rolled back)."""

from django.apps import apps
from django.db import transaction

HUGE = str(2**70)
# Texts: NUL, right-to-left marks with emoji and other scripts' digits, superscripts.
TEXTS = ["ch\x00en NUL", "\u202eđảo chiều\u200f 😀 ٠١٢٣ ०१२ ²³ ½"]
NUMBERS = [HUGE, "-1", "١٢", "²", "1e3", "9" * 40, "không-phải-số"]
DATES = ["01/01/0001", "31/12/9999", "٠١/٠١/٢٠٢٤", "30/02/2026", "01/01/10000"]
TIMES = ["25:61", "٠٨:٠٠", "²:00", "8h", HUGE]


def rows(app_labels) -> dict:
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.app_label in app_labels
    }


def hostile_problems(client, url, base: dict, mutations: dict, app_labels) -> list[str]:
    """{input name: [values]} posted one value at a time over `base` (which must save)."""
    problems = []
    before = rows(app_labels)

    def post(data):
        savepoint = transaction.savepoint()
        try:
            response = client.post(url, data)
            return response.status_code, rows(app_labels) if response.status_code == 200 else None
        except Exception as error:  # the test client re-raises a 500
            return f"{type(error).__name__}: {error}", None
        finally:
            transaction.savepoint_rollback(savepoint)

    status, _ = post(base)
    assert status == 302, f"the unchanged form does not save: {status}"
    for name, values in mutations.items():
        for value in values:
            status, after = post({**base, name: value})
            if not isinstance(status, int) or status >= 500:
                problems.append(f"{name}={value!r}: {status}")
            elif status == 200 and after != before:
                problems.append(f"{name}={value!r}: refused but changed rows")
    return problems
