"""Phones stored with non-ASCII digits (e.g. "09١٢٣٤٥٦٧٨", accepted before contests.numbers)
become ASCII, and so do their logins' usernames. A folded number another contestant of the
same contest already has is left as it is (two people's results must not be merged by a
migration); the admin then asks an editor to correct it.

A frozen copy of the folding rule, so that later changes to contests.numbers cannot change
what this migration did."""

import unicodedata

from django.db import migrations


def _fold(value: str) -> str:
    return "".join(
        str(unicodedata.decimal(char))
        if char.isdigit() and not char.isascii() and unicodedata.decimal(char, None) is not None
        else char
        for char in value
    )


def fold_phones(apps, schema_editor):
    Contestant = apps.get_model("contests", "Contestant")
    User = apps.get_model("auth", "User")
    for contestant in Contestant.objects.exclude(phone__regex=r"^[0-9]*$").iterator():
        phone = _fold(contestant.phone)
        if phone == contestant.phone:
            continue
        if Contestant.objects.filter(contest_id=contestant.contest_id, phone=phone).exists():
            continue
        username = f"thisinh-{contestant.contest_id}-{phone}"
        if User.objects.filter(username=username).exists():
            continue
        Contestant.objects.filter(pk=contestant.pk).update(phone=phone)
        User.objects.filter(pk=contestant.user_id).update(username=username)


class Migration(migrations.Migration):
    dependencies = [
        ("contests", "0002_roles"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(fold_phones, migrations.RunPython.noop)]
