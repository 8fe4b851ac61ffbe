from django.core.management.base import BaseCommand

from contests.services import close_expired_attempts


class Command(BaseCommand):
    help = "Chấm và đóng các lượt thi bị bỏ dở đã quá hạn nộp (tính điểm tại thời điểm hết giờ)."

    def handle(self, *args, **options):
        closed = close_expired_attempts()
        self.stdout.write(f"Đã đóng {closed} lượt thi quá hạn.")
