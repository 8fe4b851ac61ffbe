"""Demo news: sections, tags, ~25 articles with generated cover photos, two staff accounts.

Idempotent: sections, tags and articles are found by slug and created only when missing;
the two accounts are created or have their password reset (and printed) on every run.
All text was written for this demo.
"""

import io
import random
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from congdoan.models import Federation, Membership, Redirect
from congdoan.roles import EDITOR_GROUP, WRITER_GROUP
from congdoan.tenancy import activate, this_federation
from congdoan.text import vietnamese_slugify

from .models import Article, Section, Tag
from .services import push_article

SECTIONS = [
    # (name, slug, parent slug, order, description)
    (
        "Tin tức – Sự kiện",
        "tin-tuc-su-kien",
        None,
        1,
        "Tin hoạt động của Liên đoàn Lao động tỉnh và các sự kiện nổi bật.",
    ),
    (
        "Tin cơ sở",
        "tin-co-so",
        "tin-tuc-su-kien",
        2,
        "Tin từ các công đoàn cơ sở, công đoàn ngành và công đoàn các khu công nghiệp.",
    ),
    ("Hoạt động Công đoàn", "hoat-dong-cong-doan", None, 3, "Chăm lo đời sống, bảo vệ quyền lợi đoàn viên."),
    ("Chính sách – Pháp luật", "chinh-sach-phap-luat", None, 4, "Giải đáp chính sách, pháp luật lao động."),
    ("Thi đua – Khen thưởng", "thi-dua-khen-thuong", None, 5, "Phong trào thi đua và gương người tốt, việc tốt."),
    ("An toàn lao động", "an-toan-lao-dong", None, 6, "An toàn, vệ sinh lao động và phòng chống cháy nổ."),
]

TAGS = [
    ("Thái Nguyên", "place"),
    ("Bắc Kạn", "place"),
    ("Chợ Mới", "place"),
    ("Ba Bể", "place"),
    ("Sơn La", "place"),
    ("Đại hội Công đoàn", "topic"),
    ("Tháng Công nhân", "topic"),
    ("Tết Sum vầy", "topic"),
    ("Mái ấm Công đoàn", "topic"),
    ("Bảo hiểm xã hội", "topic"),
    ("Thương lượng tập thể", "topic"),
    ("Chuyển đổi số", "topic"),
]

BYLINES = [
    ("Thu Thủy", "LĐLĐ tỉnh"),
    ("Bùi Thanh Thủy", "Trưởng ban CSPL&QHLĐ, LĐLĐ tỉnh"),
    ("Hoàng Minh", "Ban TGNC"),
    ("Lý Thị Hoa", "CĐ ngành Giáo dục"),
    ("Nông Văn Đức", ""),
]

# (title, section slug, tags, sapo, paragraphs)
ARTICLES = [
    (
        "Đại hội Công đoàn tỉnh lần thứ XI: Đổi mới, dân chủ, đoàn kết, phát triển",
        "tin-tuc-su-kien",
        ["Đại hội Công đoàn", "Thái Nguyên"],
        "Hơn 250 đại biểu đại diện cho đoàn viên, người lao động toàn tỉnh dự Đại hội, "
        "bàn phương hướng hoạt động nhiệm kỳ mới với trọng tâm là chăm lo việc làm và thu nhập.",
        [
            "Phát biểu khai mạc, đồng chí Chủ tịch LĐLĐ tỉnh nhấn mạnh nhiệm kỳ qua các cấp công đoàn "
            "đã bám sát cơ sở, lắng nghe tâm tư của người lao động và kịp thời đề xuất giải pháp tháo gỡ khó khăn.",
            "Đại hội thảo luận sôi nổi về phát triển đoàn viên ở khu vực ngoài nhà nước, nâng chất lượng "
            "thương lượng tập thể và đẩy mạnh chuyển đổi số trong hoạt động công đoàn.",
            "Kết thúc phiên thứ nhất, Đại hội đã biểu quyết thông qua chương trình làm việc và quy chế bầu cử.",
        ],
    ),
    (
        "Trao 40 suất quà cho công nhân có hoàn cảnh khó khăn ở Chợ Mới",
        "tin-co-so",
        ["Chợ Mới", "Tết Sum vầy"],
        "Mỗi suất quà gồm tiền mặt và nhu yếu phẩm, giúp người lao động có thêm điều kiện đón Tết ấm áp.",
        [
            "Chương trình do Công đoàn Viên chức tỉnh phối hợp với các doanh nghiệp trên địa bàn tổ chức.",
            "Chị Hà Thị Lan, công nhân may, chia sẻ: “Năm nay nhà tôi có người ốm, món quà này thật đúng lúc”.",
        ],
    ),
    (
        "Hơn 1.200 đoàn viên tham gia Ngày hội Công nhân năm nay",
        "hoat-dong-cong-doan",
        ["Tháng Công nhân", "Bắc Kạn"],
        "Ngày hội gồm giải bóng chuyền hơi, kéo co, gian hàng giới thiệu sản phẩm và khám sức khỏe miễn phí.",
        [
            "Ngay từ sáng sớm, sân vận động tỉnh đã rộn ràng tiếng cổ vũ của các đội thi.",
            "Ban tổ chức cũng dành một khu vực tư vấn pháp luật lao động, giải đáp hàng chục câu hỏi về "
            "hợp đồng, tiền lương và bảo hiểm.",
        ],
    ),
    (
        "Bàn giao Mái ấm Công đoàn cho đoàn viên ở Ba Bể",
        "hoat-dong-cong-doan",
        ["Mái ấm Công đoàn", "Ba Bể"],
        "Ngôi nhà rộng 60 m² được xây dựng từ nguồn Quỹ Xã hội Công đoàn và ngày công của đồng nghiệp.",
        [
            "Gia đình anh Triệu Văn Sơn trước đây sống trong căn nhà gỗ xuống cấp, mỗi mùa mưa lại dột nhiều chỗ.",
            "Nhận chìa khóa nhà mới, anh Sơn xúc động cảm ơn tổ chức Công đoàn và các đồng nghiệp đã chung tay.",
        ],
    ),
    (
        "Những điểm mới về bảo hiểm xã hội người lao động cần biết",
        "chinh-sach-phap-luat",
        ["Bảo hiểm xã hội"],
        "Từ năm nay, nhiều quy định về điều kiện hưởng lương hưu, trợ cấp một lần và chế độ thai sản có thay đổi.",
        [
            "Số năm đóng bảo hiểm xã hội tối thiểu để hưởng lương hưu được giảm, mở thêm cơ hội cho người "
            "tham gia muộn.",
            "Người lao động nên kiểm tra quá trình đóng trên ứng dụng của cơ quan bảo hiểm xã hội để kịp "
            "thời phát hiện sai sót.",
        ],
    ),
    (
        "Hỏi – đáp: Doanh nghiệp chậm trả lương thì phải làm gì?",
        "chinh-sach-phap-luat",
        ["Thương lượng tập thể"],
        "Người lao động có quyền đề nghị công đoàn cơ sở đại diện đối thoại với người sử dụng lao động.",
        [
            "Theo Bộ luật Lao động, khi trả lương chậm từ 15 ngày trở lên, người sử dụng lao động phải trả "
            "thêm một khoản tiền ít nhất bằng tiền lãi của số tiền trả chậm.",
            "Trường hợp đối thoại không thành, người lao động có thể gửi đơn đến cơ quan quản lý nhà nước về "
            "lao động hoặc nhờ Công đoàn cấp trên hỗ trợ.",
        ],
    ),
    (
        "Tôn vinh 30 gương sáng lao động giỏi, lao động sáng tạo",
        "thi-dua-khen-thuong",
        ["Tháng Công nhân"],
        "Các cá nhân được tuyên dương đều có sáng kiến làm lợi hàng trăm triệu đồng cho đơn vị.",
        [
            "Trong số được tôn vinh có nhiều công nhân trẻ, đã tự học để cải tiến dây chuyền sản xuất.",
            "Buổi lễ là dịp lan tỏa tinh thần dám nghĩ, dám làm trong công nhân, viên chức, lao động.",
        ],
    ),
    (
        "Kiểm tra an toàn lao động tại các công trình xây dựng mùa mưa",
        "an-toan-lao-dong",
        ["Bắc Kạn"],
        "Đoàn kiểm tra liên ngành nhắc nhở nhiều đơn vị chưa trang bị đủ dây an toàn cho công nhân làm việc trên cao.",
        [
            "Tại một công trình nhà ở, đoàn yêu cầu dừng ngay việc sử dụng giàn giáo không đạt chuẩn.",
            "Công đoàn ngành Xây dựng đề nghị các chủ đầu tư tổ chức huấn luyện an toàn định kỳ cho người lao động.",
        ],
    ),
    (
        "Công đoàn ngành Giáo dục triển khai sổ tay đoàn viên điện tử",
        "tin-co-so",
        ["Chuyển đổi số"],
        "Đoàn viên có thể tra cứu thông tin, đóng góp ý kiến và nhận thông báo ngay trên điện thoại.",
        [
            "Sau ba tháng thí điểm, hơn 80% đoàn viên của ngành đã cài đặt và sử dụng ứng dụng.",
            "Nhiều thầy cô đánh giá cao tính năng nhắc lịch sinh hoạt và tra cứu chính sách.",
        ],
    ),
    (
        "Đối thoại giữa người lao động và doanh nghiệp: Cởi mở, thẳng thắn",
        "hoat-dong-cong-doan",
        ["Thương lượng tập thể", "Chợ Mới"],
        "Hơn 20 ý kiến về tiền ăn ca, điều kiện nhà xưởng và thời giờ làm thêm được doanh nghiệp tiếp thu.",
        [
            "Giám đốc công ty cam kết nâng mức tiền ăn ca từ tháng tới và lắp thêm quạt thông gió cho xưởng.",
            "Công đoàn cơ sở sẽ giám sát việc thực hiện các cam kết sau đối thoại.",
        ],
    ),
    (
        "Giao lưu Công đoàn hai tỉnh Thái Nguyên – Sơn La",
        "tin-tuc-su-kien",
        ["Sơn La", "Thái Nguyên"],
        "Hai bên chia sẻ kinh nghiệm phát triển đoàn viên ở vùng cao và chăm lo cho lao động người dân tộc thiểu số.",
        [
            "Đoàn công tác đã thăm mô hình nhà văn hóa công nhân tại khu công nghiệp của tỉnh bạn.",
            "Hai Liên đoàn thống nhất tổ chức giao lưu văn nghệ, thể thao thường niên.",
        ],
    ),
    (
        "Tết Sum vầy: Chuyến xe miễn phí đưa công nhân về quê",
        "hoat-dong-cong-doan",
        ["Tết Sum vầy"],
        "Năm chuyến xe đưa hơn 200 công nhân làm việc xa nhà về quê đón Tết cùng gia đình.",
        [
            "Nhiều công nhân cho biết nhờ chuyến xe này mà tiết kiệm được khoản tiền đáng kể.",
            "Ban tổ chức chuẩn bị sẵn nước uống, bánh chưng và phần quà nhỏ cho mỗi hành khách.",
        ],
    ),
    (
        "Tập huấn kỹ năng thương lượng cho cán bộ công đoàn cơ sở",
        "tin-co-so",
        ["Thương lượng tập thể"],
        "Học viên được thực hành đóng vai trong các tình huống thương lượng về tiền lương và phúc lợi.",
        [
            "Giảng viên lưu ý cán bộ công đoàn cần chuẩn bị số liệu kỹ lưỡng trước mỗi cuộc thương lượng.",
            "Cuối lớp học, các nhóm xây dựng dự thảo thỏa ước lao động tập thể mẫu.",
        ],
    ),
    (
        "Phát động Tháng hành động về an toàn, vệ sinh lao động",
        "an-toan-lao-dong",
        ["Tháng Công nhân"],
        "Chủ đề năm nay tập trung vào phòng ngừa tai nạn trong ngành xây dựng và khai khoáng.",
        [
            "Các doanh nghiệp được khuyến khích rà soát lại quy trình vận hành máy móc, thiết bị.",
            "Công đoàn các cấp sẽ tổ chức thi tìm hiểu và tuyên truyền trên mạng xã hội.",
        ],
    ),
    (
        "Nữ công nhân và những sáng kiến nhỏ mà hiệu quả",
        "thi-dua-khen-thuong",
        ["Chợ Mới"],
        "Từ chiếc giá treo dụng cụ tự chế đến cách sắp xếp lại chuyền may, chị Ma Thị Hương "
        "giúp tổ tiết kiệm nhiều giờ công.",
        [
            "Chị Hương bảo, sáng kiến chỉ đến khi mình để ý những việc lặp đi lặp lại hằng ngày.",
            "Năm qua, chị được công ty khen thưởng và được Công đoàn tỉnh tặng bằng khen.",
        ],
    ),
    (
        "Hướng dẫn tra cứu quá trình đóng bảo hiểm xã hội trên điện thoại",
        "chinh-sach-phap-luat",
        ["Bảo hiểm xã hội", "Chuyển đổi số"],
        "Chỉ với vài bước đơn giản, người lao động có thể tự kiểm tra doanh nghiệp đã đóng bảo hiểm cho mình hay chưa.",
        [
            "Trước hết, cần cài ứng dụng chính thức và đăng ký tài khoản bằng số định danh cá nhân.",
            "Nếu thấy thời gian đóng bị thiếu, hãy báo ngay cho công đoàn cơ sở để được hỗ trợ.",
        ],
    ),
    (
        "Ba Bể: Công đoàn đồng hành cùng người lao động ngành du lịch",
        "tin-co-so",
        ["Ba Bể"],
        "Mùa du lịch cao điểm, công đoàn cơ sở tăng cường kiểm tra điều kiện làm việc tại các nhà nghỉ, homestay.",
        [
            "Nhiều lao động thời vụ đã được hướng dẫn ký hợp đồng đúng quy định.",
            "Công đoàn cũng tổ chức lớp sơ cứu đuối nước cho nhân viên lái thuyền.",
        ],
    ),
    (
        "Khen thưởng tập thể, cá nhân xuất sắc trong phong trào thi đua yêu nước",
        "thi-dua-khen-thuong",
        ["Bắc Kạn"],
        "Mười lăm tập thể và hai mươi cá nhân được tặng Bằng khen của Liên đoàn Lao động tỉnh.",
        [
            "Các đơn vị được khen đều hoàn thành xuất sắc chỉ tiêu phát triển đoàn viên và thành lập công đoàn cơ sở.",
            "Lãnh đạo LĐLĐ tỉnh đề nghị nhân rộng các mô hình hay trong thời gian tới.",
        ],
    ),
    (
        "Diễn tập phòng cháy, chữa cháy tại khu công nghiệp",
        "an-toan-lao-dong",
        ["Bắc Kạn"],
        "Tình huống giả định cháy kho nguyên liệu giúp công nhân thực hành thoát nạn và sử dụng bình chữa cháy.",
        [
            "Chỉ sau bảy phút, lực lượng tại chỗ đã khống chế được đám cháy giả định.",
            "Công đoàn cơ sở đề nghị doanh nghiệp bổ sung biển chỉ dẫn lối thoát hiểm ở khu nhà ăn.",
        ],
    ),
    (
        "Chuẩn bị chu đáo cho Đại hội Công đoàn cơ sở nhiệm kỳ mới",
        "tin-tuc-su-kien",
        ["Đại hội Công đoàn"],
        "Ban Thường vụ LĐLĐ tỉnh ban hành hướng dẫn chi tiết về nhân sự, văn kiện và công tác tổ chức.",
        [
            "Đại hội cấp cơ sở cần được tổ chức gọn nhẹ, tiết kiệm, bảo đảm dân chủ.",
            "Văn kiện phải phản ánh đúng thực trạng và đề ra chỉ tiêu sát với điều kiện từng đơn vị.",
        ],
    ),
    (
        "Quỹ Xã hội Công đoàn: Điểm tựa cho đoàn viên gặp hoạn nạn",
        "hoat-dong-cong-doan",
        ["Mái ấm Công đoàn"],
        "Năm qua, Quỹ đã hỗ trợ hơn 300 lượt đoàn viên ốm đau, tai nạn hoặc bị thiên tai.",
        [
            "Nguồn quỹ chủ yếu từ sự đóng góp tự nguyện của cán bộ, đoàn viên trong toàn tỉnh.",
            "Việc xét hỗ trợ được công khai, minh bạch tại từng công đoàn cơ sở.",
        ],
    ),
    (
        "Lao động trẻ học nghề để đáp ứng yêu cầu chuyển đổi số",
        "tin-co-so",
        ["Chuyển đổi số"],
        "Lớp tin học văn phòng miễn phí do công đoàn tổ chức thu hút đông đảo công nhân trẻ đăng ký.",
        [
            "Buổi học được xếp vào tối thứ Ba và thứ Năm để không ảnh hưởng ca sản xuất.",
            "Nhiều học viên mong muốn có thêm lớp về kỹ năng an toàn trên mạng.",
        ],
    ),
    (
        "Phụ cấp, trợ cấp nào không phải đóng bảo hiểm xã hội?",
        "chinh-sach-phap-luat",
        ["Bảo hiểm xã hội"],
        "Tiền thưởng theo kết quả kinh doanh, tiền ăn giữa ca và một số khoản hỗ trợ khác "
        "không tính vào tiền lương đóng bảo hiểm.",
        [
            "Người lao động nên đọc kỹ hợp đồng để biết khoản nào là lương, khoản nào là phúc lợi.",
            "Khi có thắc mắc, có thể liên hệ Ban Chính sách – Pháp luật của LĐLĐ tỉnh để được tư vấn miễn phí.",
        ],
    ),
    (
        "Tuyên dương cán bộ công đoàn cơ sở tiêu biểu",
        "thi-dua-khen-thuong",
        ["Đại hội Công đoàn"],
        "Các cán bộ được tuyên dương đều gắn bó, hết lòng vì quyền lợi của đoàn viên.",
        [
            "Anh Lương Văn Quyết, chủ tịch công đoàn một doanh nghiệp chế biến gỗ, đã đề xuất thành công việc "
            "tăng phụ cấp độc hại cho công nhân.",
            "Những tấm gương này là nguồn cổ vũ cho đội ngũ cán bộ công đoàn trẻ.",
        ],
    ),
    (
        "Mùa hè an toàn cho con công nhân",
        "an-toan-lao-dong",
        ["Tháng Công nhân", "Sơn La"],
        "Lớp dạy bơi miễn phí cho con đoàn viên được tổ chức tại nhà văn hóa công nhân.",
        [
            "Các em được hướng dẫn kỹ năng nổi, thở và cách xử lý khi gặp nguy hiểm dưới nước.",
            "Phụ huynh yên tâm đi làm khi con được trông giữ và học tập trong dịp hè.",
        ],
    ),
]

PALETTES = [
    ((179, 18, 27), (246, 210, 92)),
    ((11, 78, 162), (160, 210, 255)),
    ((27, 120, 80), (230, 240, 200)),
    ((120, 60, 150), (250, 200, 120)),
    ((200, 90, 30), (255, 240, 200)),
    ((20, 110, 130), (255, 220, 180)),
]


def cover_photo(seed: int) -> bytes:
    """A simple generated 'photo': sky gradient, sun, hills and a row of buildings or people."""
    rng = random.Random(seed)
    width, height = 1200, 800
    top, bottom = PALETTES[seed % len(PALETTES)]
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / height
        draw.line([(0, y), (width, y)], fill=tuple(int(top[i] * (1 - t) + bottom[i] * t) for i in range(3)))
    sun_x, sun_y, radius = rng.randint(150, 1050), rng.randint(90, 260), rng.randint(50, 90)
    draw.ellipse([sun_x - radius, sun_y - radius, sun_x + radius, sun_y + radius], fill=(255, 236, 150))
    for layer in range(3):
        base = 500 + layer * 90
        shade = tuple(max(0, c - 40 - layer * 25) for c in bottom)
        points = [(0, height)]
        for x in range(0, width + 100, 100):
            points.append((x, base - rng.randint(0, 120)))
        points.append((width, height))
        draw.polygon(points, fill=shade)
    for index in range(rng.randint(5, 9)):
        x = 60 + index * 130 + rng.randint(-20, 20)
        h = rng.randint(60, 140)
        color = (rng.randint(40, 220), rng.randint(40, 220), rng.randint(40, 220))
        draw.ellipse([x, 760 - h - 36, x + 36, 760 - h], fill=(240, 200, 170))
        draw.rectangle([x - 6, 760 - h, x + 42, 760], fill=color)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def _reset_user(username: str, group_name: str, full_name: tuple[str, str], stdout) -> None:
    User = get_user_model()
    password = secrets.token_urlsafe(12)
    user, created = User.objects.get_or_create(username=username)
    user.first_name, user.last_name = full_name
    user.is_staff = True
    user.is_active = True
    user.is_superuser = False
    user.set_password(password)
    user.save()
    user.groups.clear()  # roles are per federation (congdoan.models.Membership)
    Membership.objects.update_or_create(
        user=user, federation=this_federation(), defaults={"role": Group.objects.get(name=group_name)}
    )
    action = "Đã tạo" if created else "Đã đặt lại mật khẩu cho"
    stdout.write(f"{action} tài khoản {group_name.lower()}: {username} / mật khẩu: {password}\n")


def load(*, stdout) -> None:
    # Scoped to the federation the demo fills: other federations (the national union's
    # pushed article below) have sections with the same slugs.
    with activate(this_federation()):
        _load_own(stdout=stdout)
    _load_national_push(stdout)


def _load_own(*, stdout) -> None:
    _reset_user("bientap", EDITOR_GROUP, ("Biên", "tập viên"), stdout)
    _reset_user("phongvien", WRITER_GROUP, ("Phóng", "viên"), stdout)
    with transaction.atomic():
        sections = {}
        for name, slug, parent, order, description in SECTIONS:
            section, _ = Section.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "parent": sections.get(parent),
                    "order": order,
                    "description": description,
                    "show_in_menu": parent is None,
                },
            )
            sections[slug] = section
        tags = {}
        for name, kind in TAGS:
            tag = Tag.objects.filter(name=name).first() or Tag.objects.create(name=name, kind=kind)
            tags[name] = tag

        User = get_user_model()
        writer = User.objects.filter(username="phongvien").first()
        now = timezone.now()
        created = 0
        for index, (title, section_slug, tag_names, sapo, paragraphs) in enumerate(ARTICLES):
            slug = vietnamese_slugify(title, max_length=220)
            if Article.objects.filter(slug=slug).exists():
                continue
            name, position = BYLINES[index % len(BYLINES)]
            body = "".join(f"<p>{text}</p>" for text in paragraphs)
            article = Article(
                title=title,
                slug=slug,
                section=sections[section_slug],
                sapo=sapo,
                body=body,
                byline_name=name,
                byline_position=position,
                source="TTXVN" if index % 7 == 3 else "",
                status=Article.Status.PUBLISHED,
                publish_at=now - timedelta(hours=5 + index * 17),
                featured=index == 0,
                cover_alt=f"Ảnh minh họa: {title}",
                cover_caption="Quang cảnh hoạt động." if index % 2 else "Đoàn viên tham gia chương trình.",
                cover_credit="Ảnh: Quang Quyết" if index % 3 else "Ảnh: Thu Thủy/LĐLĐ tỉnh",
            )
            article.cover.save(f"{slug[:60]}.jpg", ContentFile(cover_photo(index)), save=False)
            article.save()
            Article.objects.filter(pk=article.pk).update(view_count=(len(ARTICLES) - index) * 37 % 500)
            article.tags.set([tags[tag] for tag in tag_names])
            created += 1

        # A draft and a submitted article by the demo writer, and a scheduled one, show the
        # editorial states (the writer sees and edits only their own draft).
        if not Article.objects.filter(slug="ban-nhap-phong-vien-ghi-chep-ca-dem").exists():
            Article.objects.create(
                title="Bản nháp của phóng viên: Ghi chép ca đêm ở nhà máy",
                slug="ban-nhap-phong-vien-ghi-chep-ca-dem",
                section=sections["tin-co-so"],
                sapo="Bản nháp đang viết dở.",
                body="<p>Mười giờ đêm, xưởng vẫn sáng đèn.</p>",
                byline_name="Nông Văn Đức",
                status=Article.Status.DRAFT,
                created_by=writer,
            )
        if not Article.objects.filter(slug="bai-cho-duyet-tong-ket-thang-cong-nhan").exists():
            Article.objects.create(
                title="Bài chờ duyệt: Tổng kết Tháng Công nhân",
                slug="bai-cho-duyet-tong-ket-thang-cong-nhan",
                section=sections["hoat-dong-cong-doan"],
                sapo="Bản thảo phóng viên gửi, chờ biên tập viên duyệt.",
                body="<p>Nội dung đang hoàn thiện.</p>",
                byline_name="Nông Văn Đức",
                status=Article.Status.REVIEW,
                created_by=writer,
            )
        if not Article.objects.filter(slug="hen-gio-thong-bao-lich-tiep-doan-vien").exists():
            Article.objects.create(
                title="Hẹn giờ: Thông báo lịch tiếp đoàn viên tháng tới",
                slug="hen-gio-thong-bao-lich-tiep-doan-vien",
                section=sections["tin-tuc-su-kien"],
                sapo="Bài này được hẹn giờ, tự hiện sau ba ngày.",
                body="<p>Lịch tiếp đoàn viên của Thường trực LĐLĐ tỉnh.</p>",
                status=Article.Status.PUBLISHED,
                publish_at=now + timedelta(days=3),
            )
        # The addresses these articles had on the old site (Bắc Kạn's vendor CMS) answer 301s
        # to their pages here, on this host and on the old one (congdoan.tenancy).
        for index, (title, *_rest) in enumerate(ARTICLES[:3]):
            article = Article.objects.filter(slug=vietnamese_slugify(title, max_length=220)).first()
            if article is not None:
                Redirect.objects.get_or_create(
                    federation=this_federation(),
                    old_path=f"/tin-tuc/{2401 + index}-{article.slug[:40]}.html",
                    defaults={"new_path": article.get_absolute_url()},
                )
        stdout.write(f"Tin tức: {len(sections)} chuyên mục, {len(tags)} thẻ, thêm {created} bài viết.\n")


# --- The other federations of the demo network: their own, smaller news -----------------------

# federation code -> (sections [(name, slug, description)], articles [(title, section slug, sapo, paragraphs)])
NETWORK_NEWS = {
    "tld": (
        [
            (
                "Tin tức – Sự kiện",
                "tin-tuc-su-kien",
                "Hoạt động của Tổng Liên đoàn và các sự kiện lớn của tổ chức Công đoàn.",
            ),
            (
                "Chính sách – Pháp luật",
                "chinh-sach-phap-luat",
                "Chính sách mới về lao động, việc làm, tiền lương, bảo hiểm.",
            ),
            ("Đối ngoại", "doi-ngoai", "Quan hệ quốc tế của Công đoàn Việt Nam."),
        ],
        [
            (
                "Tổng Liên đoàn hướng dẫn tổ chức Tháng Công nhân trong toàn hệ thống",
                "tin-tuc-su-kien",
                (
                    "Các cấp công đoàn được đề nghị tập trung chăm lo đời sống, việc làm cho đoàn viên trong Tháng "
                    "Công nhân."
                ),
                [
                    (
                        "Đoàn Chủ tịch Tổng Liên đoàn đã ban hành hướng dẫn tổ chức Tháng Công nhân, gửi các liên "
                        "đoàn lao động tỉnh, thành phố và công đoàn ngành trung ương."
                    ),
                    (
                        "Hướng dẫn đề nghị mỗi cấp công đoàn chọn những việc làm thiết thực: thăm hỏi đoàn viên khó"
                        " khăn, đối thoại với người sử dụng lao động, kiểm tra điều kiện an toàn tại nơi làm việc."
                    ),
                ],
            ),
            (
                "Điều chỉnh lương tối thiểu vùng: những điều người lao động cần biết",
                "chinh-sach-phap-luat",
                (
                    "Mức lương tối thiểu mới áp dụng từ ngày 01/01 năm sau; công đoàn cơ sở theo dõi việc doanh "
                    "nghiệp điều chỉnh thang, bảng lương."
                ),
                [
                    (
                        "Lương tối thiểu vùng là mức thấp nhất làm cơ sở để doanh nghiệp và người lao động thỏa "
                        "thuận, trả lương."
                    ),
                    (
                        "Ban Chính sách – Pháp luật của Tổng Liên đoàn khuyến nghị người lao động đối chiếu hợp "
                        "đồng lao động và phản ánh với công đoàn cơ sở khi mức lương thấp hơn quy định."
                    ),
                ],
            ),
            (
                "Công đoàn Việt Nam trao đổi kinh nghiệm thương lượng tập thể với công đoàn các nước trong khu vực",
                "doi-ngoai",
                "Hội thảo tập trung vào kỹ năng thương lượng tập thể ở doanh nghiệp có vốn đầu tư nước ngoài.",
                [
                    (
                        "Các đại biểu chia sẻ cách chuẩn bị dữ liệu về tiền lương, giờ làm và điều kiện làm việc "
                        "trước mỗi phiên thương lượng."
                    ),
                    "Kết quả hội thảo sẽ được tổng hợp thành tài liệu tham khảo gửi cán bộ công đoàn các cấp.",
                ],
            ),
            (
                "Phát động phong trào thi đua lao động sáng tạo trong công nhân, viên chức, lao động",
                "tin-tuc-su-kien",
                "Phong trào khuyến khích sáng kiến cải tiến kỹ thuật, nâng cao năng suất và chất lượng công việc.",
                [
                    "Các sáng kiến được công nhận sẽ được xét tặng Bằng Lao động sáng tạo của Tổng Liên đoàn.",
                    (
                        "Công đoàn các cấp có trách nhiệm hướng dẫn đoàn viên đăng ký, theo dõi và đánh giá kết quả"
                        " áp dụng sáng kiến."
                    ),
                ],
            ),
        ],
    ),
    "sonla": (
        [
            ("Tin tức – Sự kiện", "tin-tuc-su-kien", "Tin hoạt động của Liên đoàn Lao động tỉnh Sơn La."),
            ("Công đoàn cơ sở", "cong-doan-co-so", "Tin từ các công đoàn cơ sở trên địa bàn tỉnh."),
        ],
        [
            (
                "LĐLĐ tỉnh Sơn La trao Mái ấm Công đoàn cho đoàn viên khó khăn về nhà ở",
                "tin-tuc-su-kien",
                "Ba đoàn viên ở vùng cao được hỗ trợ xây mới nhà ở từ quỹ Mái ấm Công đoàn.",
                [
                    (
                        "Mỗi mái ấm được hỗ trợ từ quỹ Xã hội của Liên đoàn Lao động tỉnh, cùng sự góp sức của đồng"
                        " nghiệp và chính quyền địa phương."
                    ),
                    "Đại diện Thường trực LĐLĐ tỉnh mong các gia đình sớm ổn định cuộc sống, yên tâm công tác.",
                ],
            ),
            (
                "Công đoàn cơ sở ngành Giáo dục tổ chức ngày hội văn hóa, thể thao cho giáo viên vùng cao",
                "cong-doan-co-so",
                "Ngày hội thu hút gần 300 giáo viên từ các điểm trường tham gia.",
                [
                    "Các nội dung thi gồm văn nghệ, kéo co, bóng chuyền hơi và trình diễn trang phục dân tộc.",
                    "Ban tổ chức trao giải cho các tập thể, cá nhân có thành tích cao.",
                ],
            ),
            (
                "Tập huấn kỹ năng đối thoại tại nơi làm việc cho cán bộ công đoàn cơ sở",
                "cong-doan-co-so",
                "Lớp tập huấn giúp cán bộ công đoàn chuẩn bị nội dung và ghi biên bản đối thoại định kỳ.",
                [
                    "Giảng viên hướng dẫn cách thu thập ý kiến của người lao động trước buổi đối thoại.",
                    "Học viên thực hành theo tình huống về giờ làm thêm và chế độ ăn giữa ca.",
                ],
            ),
        ],
    ),
}


def load_for(federation, *, stdout) -> None:
    """The national union's or Sơn La's own sections and articles (run inside `activate`)."""
    sections_data, articles = NETWORK_NEWS.get(federation.code, ([], []))
    with transaction.atomic():
        sections = {}
        for order, (name, slug, description) in enumerate(sections_data, start=1):
            sections[slug], _ = Section.objects.get_or_create(
                slug=slug, defaults={"name": name, "order": order, "description": description}
            )
        now = timezone.now()
        created = 0
        for index, (title, section_slug, sapo, paragraphs) in enumerate(articles):
            slug = vietnamese_slugify(title, max_length=220)
            if Article.objects.filter(slug=slug).exists():
                continue
            article = Article(
                title=title,
                slug=slug,
                section=sections[section_slug],
                sapo=sapo,
                body="".join(f"<p>{text}</p>" for text in paragraphs),
                byline_name="Ban Biên tập",
                status=Article.Status.PUBLISHED,
                publish_at=now - timedelta(hours=3 + index * 11),
                featured=index == 0,
                cover_alt=f"Ảnh minh họa: {title}",
                cover_caption="Quang cảnh hoạt động.",
                cover_credit=f"Ảnh: {federation.short_name}",
            )
            article.cover.save(f"{slug[:60]}.jpg", ContentFile(cover_photo(index + 3)), save=False)
            article.save()
            created += 1
    stdout.write(f"Tin tức của {federation.short_name}: {len(sections)} chuyên mục, thêm {created} bài viết.\n")


NATIONAL_ARTICLE = (
    "Tổng Liên đoàn phát động đợt cao điểm chăm lo Tết cho đoàn viên, người lao động",
    "Các cấp công đoàn rà soát, nắm chắc hoàn cảnh đoàn viên khó khăn để hỗ trợ kịp thời, bảo đảm "
    "mọi đoàn viên, người lao động đều có Tết.",
    [
        "Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam đề nghị các liên đoàn lao động tỉnh, thành phố "
        "và công đoàn ngành trung ương chủ động phối hợp với người sử dụng lao động ngay từ đầu tháng.",
        "Ưu tiên đoàn viên bị mất việc, giảm giờ làm, mắc bệnh hiểm nghèo và gia đình có hoàn cảnh đặc biệt.",
    ],
)


def _national_federation():
    """The network's national union: the existing one, or the demo's own (code `tld`)."""
    national = Federation.objects.filter(kind=Federation.Kind.NATIONAL).first()
    if national is None:
        national = Federation.objects.create(
            code="tld",
            kind=Federation.Kind.NATIONAL,
            name_line1="TỔNG LIÊN ĐOÀN",
            name_line2="LAO ĐỘNG VIỆT NAM",
            short_name="Tổng LĐLĐ Việt Nam",
            province="Việt Nam",
            domain="congdoan.vn",
            tagline="Cơ quan của Tổng Liên đoàn Lao động Việt Nam",
            address="82 Trần Hưng Đạo, Hoàn Kiếm, Hà Nội",
            phone="024 3942 1181",
            email="banbientap@congdoan.vn",
            responsible_person="Chủ tịch Tổng Liên đoàn Lao động Việt Nam",
        )
    return national


def _load_national_push(stdout) -> None:
    """A national article pushed (đăng lại) to this federation's "Tin tức – Sự kiện"."""
    receiver = this_federation()
    national = _national_federation()
    if receiver.pk == national.pk:
        return
    with transaction.atomic(), activate(national):
        section, _ = Section.objects.get_or_create(
            slug="tin-tuc-su-kien", defaults={"name": "Tin tức – Sự kiện", "order": 1}
        )
        title, sapo, paragraphs = NATIONAL_ARTICLE
        slug = vietnamese_slugify(title, max_length=220)
        article = Article.objects.filter(slug=slug).first()
        if article is None:
            article = Article.objects.create(
                title=title,
                slug=slug,
                section=section,
                sapo=sapo,
                body="".join(f"<p>{text}</p>" for text in paragraphs),
                byline_name="Ban Tuyên giáo",
                byline_position="Tổng LĐLĐ Việt Nam",
                status=Article.Status.PUBLISHED,
                publish_at=timezone.now() - timedelta(hours=2),
            )
        created, _ = push_article(article=article, federations=[receiver], section_slug="tin-tuc-su-kien")
    stdout.write(f"Tin tức: {created} bài của {national.short_name} đăng lại ở {receiver.short_name}.\n")
