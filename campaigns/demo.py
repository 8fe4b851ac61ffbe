"""Demo campaigns for `manage.py load_demo` (idempotent: looked up by slug).

Dates are set relative to the day of loading, so the contest is ongoing and the
propaganda drive has ended whenever the demo is loaded.
"""

import datetime
import io

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from PIL import Image, ImageDraw

from congdoan.caching import site_today

from .models import Campaign, CampaignKind, Phase, ProgressReport, Target, UnitFigure

UNITS = [
    "Công đoàn ngành Giáo dục",
    "Công đoàn ngành Y tế",
    "Công đoàn Viên chức tỉnh",
    "Công đoàn các Khu công nghiệp tỉnh",
    "Công đoàn ngành Công Thương",
    "Công đoàn ngành Xây dựng",
]


def _cover(colour_top: tuple, colour_bottom: tuple, name: str) -> ContentFile:
    """A 1200×675 JPEG: a vertical gradient with a few soft circles (no text to translate)."""
    width, height = 1200, 675
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        ratio = y / (height - 1)
        colour = tuple(round(a + (b - a) * ratio) for a, b in zip(colour_top, colour_bottom, strict=True))
        draw.line([(0, y), (width, y)], fill=colour)
    for index, (x, y, r) in enumerate([(980, 140, 220), (160, 560, 160), (620, 360, 90)]):
        shade = 255 - index * 30
        draw.ellipse([x - r, y - r, x + r, y + r], outline=(shade, shade, 200), width=10)
    draw.rectangle([80, 80, 520, 100], fill=(246, 210, 92))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return ContentFile(buffer.getvalue(), name=name)


def _kind(slug: str, name: str) -> CampaignKind:
    kind, _ = CampaignKind.objects.get_or_create(slug=slug, defaults={"name": name})
    return kind


# Demo articles are found by fragments of their (ASCII) slugs, so the link survives
# small changes to the news demo; nothing is linked when no article matches.
ARTICLE_SLUG_FRAGMENTS = {
    "cuoc-thi-tim-hieu-phap-luat-ve-cong-doan-va-quyen-loi-nguoi-lao-dong": ["cuoc-thi", "phap-luat"],
    "phong-trao-thi-dua-lao-dong-gioi-sang-tao": ["thi-dua", "sang-kien", "sang-tao"],
    "dot-tuyen-truyen-cao-diem-ve-an-toan-ve-sinh-lao-dong": ["an-toan", "ve-sinh-lao-dong", "tai-nan"],
}
ARTICLES_PER_CAMPAIGN = 5


def _link_demo_articles(campaign: Campaign) -> int:
    """Link published demo news articles when the news app has them; skip quietly otherwise."""
    try:
        from news.models import Article
    except ImportError:  # pragma: no cover - the news app is always installed in this project
        return 0
    fragments = next((value for key, value in ARTICLE_SLUG_FRAGMENTS.items() if campaign.slug.startswith(key)), [])
    if not fragments:
        return 0
    matches = Q()
    for fragment in fragments:
        matches |= Q(slug__contains=fragment)
    articles = list(Article.objects.published().filter(matches).order_by("-publish_at")[:ARTICLES_PER_CAMPAIGN])
    campaign.related_articles.add(*articles)
    return len(articles)


@transaction.atomic
def _contest(today: datetime.date) -> Campaign | None:
    slug = "cuoc-thi-tim-hieu-phap-luat-ve-cong-doan-va-quyen-loi-nguoi-lao-dong"
    if Campaign.objects.filter(slug=slug).exists():
        return None
    start = today - datetime.timedelta(days=20)
    end = today + datetime.timedelta(days=40)
    campaign = Campaign(
        slug=slug,
        title="Cuộc thi trực tuyến “Tìm hiểu pháp luật về công đoàn và quyền lợi người lao động”",
        kind=_kind("cuoc-thi", "Cuộc thi"),
        theme="Hiểu luật để bảo vệ mình, góp sức xây dựng tổ chức Công đoàn",
        summary=(
            "Cuộc thi giúp đoàn viên, người lao động nắm chắc những điểm chính của Luật Công đoàn, "
            "Bộ luật Lao động và chính sách bảo hiểm xã hội; thi trên điện thoại hoặc máy tính, "
            "mỗi tuần có giải cho cá nhân trả lời đúng và nhanh nhất."
        ),
        body=(
            "<h3>Hình thức thi</h3><p>Người dự thi đăng nhập trang thi bằng số điện thoại, trả lời 20 câu hỏi "
            "trắc nghiệm và một câu hỏi dự đoán số người trả lời đúng. Thời gian làm bài tối đa 20 phút.</p>"
            "<h3>Giải thưởng</h3><ul><li>Mỗi tuần: 1 giải Nhất, 2 giải Nhì, 3 giải Ba cho cá nhân.</li>"
            "<li>Toàn cuộc thi: giải tập thể cho 3 công đoàn cấp trên cơ sở có tỉ lệ đoàn viên "
            "tham gia cao nhất.</li></ul>"
        ),
        organiser="Ban Thường vụ Liên đoàn Lao động tỉnh Thái Nguyên",
        participants=(
            "Đoàn viên công đoàn, người lao động đang làm việc trong các cơ quan, đơn vị, "
            "doanh nghiệp trên địa bàn tỉnh.\n"
            "Cán bộ công đoàn chuyên trách các cấp được khuyến khích tham gia nhưng không xét giải."
        ),
        start_date=start,
        end_date=end,
        cover=_cover((11, 78, 162), (179, 18, 27), "cuoc-thi-phap-luat-cong-doan.jpg"),
        cover_alt="Ảnh minh họa cuộc thi tìm hiểu pháp luật về công đoàn",
        hashtags="#CongDoanThaiNguyen #HieuLuatCongDoan",
        external_url="https://thiphapluat.congdoanthainguyen.vn/",
        external_label="Vào trang dự thi",
        is_published=True,
    )
    campaign.full_clean()
    campaign.save()
    stage_one_end = start + datetime.timedelta(days=29)
    Phase.objects.bulk_create(
        [
            Phase(
                campaign=campaign,
                order=1,
                label="Đợt 1",
                name="Hiểu luật",
                start_date=start,
                end_date=stage_one_end,
                description=(
                    "Trả lời 20 câu trắc nghiệm về Luật Công đoàn và Bộ luật Lao động trong 20 phút. "
                    "Mỗi người được dự thi tối đa 2 lần, lấy kết quả lần cao nhất."
                ),
            ),
            Phase(
                campaign=campaign,
                order=2,
                label="Đợt 2",
                name="Làm theo luật",
                start_date=stage_one_end + datetime.timedelta(days=1),
                end_date=end,
                description=(
                    "Trả lời 15 câu trắc nghiệm về bảo hiểm xã hội, an toàn vệ sinh lao động và một câu tự luận "
                    "không quá 500 chữ kể một việc làm của công đoàn cơ sở giúp người lao động."
                ),
            ),
        ]
    )
    Target.objects.bulk_create(
        [
            Target(
                campaign=campaign,
                order=1,
                label="Đoàn viên công đoàn trong tỉnh tham gia",
                value=20,
                unit=Target.Unit.PERCENT,
                base="tổng số đoàn viên",
                base_count=26000,
                measure=Target.Measure.REGISTRATIONS,
            ),
            Target(
                campaign=campaign,
                order=2,
                label="Cán bộ công đoàn cơ sở tham gia",
                value=100,
                unit=Target.Unit.PERCENT,
                base="cán bộ công đoàn cơ sở",
            ),
        ]
    )
    figures = [(14, 1210, 1630), (7, 2875, 4102), (1, 4155, 6459)]
    for days_ago, registrations, attempts in figures:
        report = ProgressReport.objects.create(
            campaign=campaign,
            as_of=today - datetime.timedelta(days=days_ago),
            registrations=registrations,
            attempts=attempts,
        )
    shares = [0.27, 0.19, 0.16, 0.15, 0.13, 0.10]
    UnitFigure.objects.bulk_create(
        [
            UnitFigure(
                report=report,
                unit=unit,
                registrations=round(report.registrations * share),
                attempts=round(report.attempts * share),
            )
            for unit, share in zip(UNITS, shares, strict=True)
        ]
    )
    return campaign


@transaction.atomic
def _movement(today: datetime.date) -> Campaign | None:
    slug = f"phong-trao-thi-dua-lao-dong-gioi-sang-tao-nam-{today.year}"
    if Campaign.objects.filter(slug=slug).exists():
        return None
    campaign = Campaign(
        slug=slug,
        title=f"Phong trào thi đua “Lao động giỏi, lao động sáng tạo” năm {today.year}",
        kind=_kind("phong-trao-thi-dua", "Phong trào thi đua"),
        theme="Mỗi người một sáng kiến, mỗi đơn vị một công trình",
        summary=(
            "Phong trào cả năm khuyến khích đoàn viên, người lao động cải tiến cách làm, tiết kiệm chi phí, "
            "nâng năng suất; các sáng kiến được công nhận sẽ được biểu dương vào dịp cuối năm."
        ),
        organiser="Liên đoàn Lao động tỉnh Thái Nguyên",
        participants="Công đoàn cơ sở, đoàn viên và người lao động trong toàn tỉnh.",
        start_date=datetime.date(today.year, 1, 1),
        end_date=datetime.date(today.year, 12, 31),
        cover=_cover((16, 110, 60), (11, 78, 162), "thi-dua-lao-dong-gioi.jpg"),
        cover_alt="Ảnh minh họa phong trào thi đua lao động giỏi, lao động sáng tạo",
        hashtags="#LaoDongSangTao",
        registrations_label="đơn vị đăng ký",
        attempts_label="sáng kiến",
        is_published=True,
    )
    campaign.full_clean()
    campaign.save()
    Phase.objects.bulk_create(
        [
            Phase(
                campaign=campaign,
                order=1,
                label="Giai đoạn 1",
                name="Đăng ký và triển khai",
                start_date=datetime.date(today.year, 1, 1),
                end_date=datetime.date(today.year, 6, 30),
                description="Công đoàn cơ sở đăng ký thi đua, gửi danh sách đề tài, sáng kiến dự kiến làm trong năm.",
            ),
            Phase(
                campaign=campaign,
                order=2,
                label="Giai đoạn 2",
                name="Đánh giá và biểu dương",
                start_date=datetime.date(today.year, 7, 1),
                end_date=datetime.date(today.year, 12, 31),
                description="Hội đồng chấm sáng kiến làm việc theo quý; tổng kết, khen thưởng trong tháng 12.",
            ),
        ]
    )
    Target.objects.create(
        campaign=campaign,
        order=1,
        label="Sáng kiến, cải tiến được công nhận",
        value=300,
        unit=Target.Unit.COUNT,
        base="sáng kiến",
        measure=Target.Measure.ATTEMPTS,
    )
    as_of = min(today, datetime.date(today.year, 6, 30))
    if as_of >= campaign.start_date:
        ProgressReport.objects.create(campaign=campaign, as_of=as_of, registrations=164, attempts=212)
    return campaign


@transaction.atomic
def _drive(today: datetime.date) -> Campaign | None:
    slug = "dot-tuyen-truyen-cao-diem-ve-an-toan-ve-sinh-lao-dong"
    if Campaign.objects.filter(slug=slug).exists():
        return None
    end = today - datetime.timedelta(days=30)
    start = end - datetime.timedelta(days=59)
    campaign = Campaign(
        slug=slug,
        title="Đợt tuyên truyền cao điểm về an toàn, vệ sinh lao động",
        kind=_kind("dot-tuyen-truyen", "Đợt tuyên truyền"),
        theme="Làm việc an toàn – Trở về bình an",
        summary=(
            "Hai tháng tuyên truyền tại nơi làm việc: treo khẩu hiệu, sinh hoạt chuyên đề, diễn tập "
            "sơ cứu và thăm hỏi người lao động bị tai nạn lao động."
        ),
        organiser="Ban Tuyên giáo – Nữ công, Liên đoàn Lao động tỉnh",
        participants="Các cấp công đoàn, người sử dụng lao động và người lao động trong tỉnh.",
        start_date=start,
        end_date=end,
        cover=_cover((120, 40, 10), (230, 150, 30), "tuyen-truyen-an-toan-lao-dong.jpg"),
        cover_alt="Ảnh minh họa đợt tuyên truyền về an toàn lao động",
        hashtags="#AnToanLaoDong",
        is_published=True,
    )
    campaign.full_clean()
    campaign.save()
    names = [
        ("Khởi động", "Ra quân, treo băng rôn, khẩu hiệu tại cơ quan, doanh nghiệp."),
        ("Nơi làm việc an toàn", "Công đoàn cơ sở phối hợp kiểm tra máy móc, thiết bị, lối thoát hiểm."),
        ("Sơ cứu kịp thời", "Tập huấn và diễn tập sơ cứu, cấp cứu tại chỗ cho mạng lưới an toàn viên."),
        ("Sẻ chia", "Thăm hỏi, hỗ trợ người lao động bị tai nạn lao động; sơ kết đợt tuyên truyền."),
    ]
    phases = []
    for index, (name, text) in enumerate(names):
        phase_start = start + datetime.timedelta(days=15 * index)
        phase_end = end if index == len(names) - 1 else phase_start + datetime.timedelta(days=14)
        phases.append(
            Phase(
                campaign=campaign,
                order=index + 1,
                label=f"Giai đoạn {index + 1}",
                name=name,
                start_date=phase_start,
                end_date=phase_end,
                description=text,
            )
        )
    Phase.objects.bulk_create(phases)
    return campaign


def load(*, stdout) -> None:
    today = site_today()
    created = [campaign for campaign in (_contest(today), _movement(today), _drive(today)) if campaign]
    # Linking runs on every load (adding twice is harmless), so articles loaded later are picked up.
    linked = 0
    for prefix in ARTICLE_SLUG_FRAGMENTS:
        for campaign in Campaign.objects.filter(slug__startswith=prefix):
            linked += _link_demo_articles(campaign)
    stdout.write(f"Phong trào – Cuộc thi: đã tạo {len(created)} mục mẫu, gắn {linked} bài viết liên quan.")
