from django.apps import AppConfig


class ContestsConfig(AppConfig):
    name = "contests"
    verbose_name = "Cuộc thi trực tuyến"
    # Read by the core (congdoan.caching.registry, congdoan.roles, load_demo). Only what
    # organisers edit: contestants' registrations, attempts and answers are written on every
    # click and must not renew the whole site's cache (their counts are live figures, cached
    # for CONTEST_COUNTS_SECONDS). Questions and options: their bank is kept per their
    # versions (services.question_bank).
    public_models = ("Contest", "Round", "Unit", "UnitGroup", "Question", "Option")
    editorial = True
    editor_only = True
    demo_module = "contests.demo"
    demo_order = 40  # the contest hangs on the demo contest campaign

    def next_public_change(self):
        """A round opening or closing changes the contest's status on public pages."""
        from django.db.models import Min, Q
        from django.utils import timezone

        from .models import Round

        now = timezone.now()
        moments = Round.objects.aggregate(
            start=Min("starts_at", filter=Q(starts_at__gt=now)), end=Min("ends_at", filter=Q(ends_at__gt=now))
        )
        found = [moment for moment in moments.values() if moment is not None]
        return min(found) if found else None
