from django.core.management.base import BaseCommand

from congdoan.caching import site_today
from contests.figures import record_campaign_figures
from contests.models import Contest


class Command(BaseCommand):
    help = "Ghi số liệu hôm nay (đăng ký, lượt dự thi, theo đơn vị) của các cuộc thi đang diễn ra vào trang phong trào."

    def handle(self, *args, **options):
        today = site_today()
        contests = Contest.objects.select_related("campaign").filter(
            campaign__start_date__lte=today, campaign__end_date__gte=today
        )
        for contest in contests:
            report = record_campaign_figures(contest=contest, day=today)
            self.stdout.write(f"{contest}: {report.sentence()}")
