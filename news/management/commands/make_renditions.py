from django.core.management.base import BaseCommand

from congdoan.renditions import delete_renditions, generate_renditions
from news.models import Article


class Command(BaseCommand):
    help = "Tạo lại các bản ảnh thu nhỏ (renditions) cho ảnh đại diện của mọi bài viết."

    def handle(self, *args, **options):
        done = failed = 0
        for article in Article.objects.exclude(cover="").only("pk", "cover").iterator(chunk_size=200):
            try:
                # generate_renditions(force=True) cannot overwrite on FileSystemStorage (it saves
                # under a new random name and keeps the stale file), so remove the old ones first.
                delete_renditions(article.cover.name)
                generate_renditions(article.cover)
                done += 1
            except (OSError, ValueError) as error:
                failed += 1
                self.stderr.write(f"Bài {article.pk}: không tạo được ảnh ({error}).")
        self.stdout.write(self.style.SUCCESS(f"Đã tạo lại ảnh cho {done} bài viết; lỗi: {failed}."))
