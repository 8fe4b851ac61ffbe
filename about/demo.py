"""Demo organisation pages for `manage.py load_demo` (idempotent: found by slug or name).

The people are invented; the text was written for this demo. Portraits and the map are drawn
here (no photo of a real person, no tile from a map service).
"""

import io

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageDraw

from .models import Leader, Officer, Page, Profile, Unit

HISTORY = """
<p>Liên đoàn Lao động tỉnh Bắc Kạn được thành lập khi tỉnh Bắc Kạn được tái lập từ ngày 01/01/1997,
tiếp nối truyền thống của tổ chức Công đoàn trên địa bàn từ những ngày đầu xây dựng chính quyền cách mạng.
Khi mới thành lập, toàn tỉnh có khoảng 6.000 đoàn viên sinh hoạt ở hơn 300 công đoàn cơ sở, chủ yếu
trong khu vực hành chính sự nghiệp.</p>
<h2>Những chặng đường phát triển</h2>
<p>Qua bảy kỳ đại hội, tổ chức Công đoàn tỉnh không ngừng lớn mạnh. Số đoàn viên tăng lên hơn 22.000 người;
công đoàn được thành lập ở phần lớn doanh nghiệp có từ 25 lao động trở lên. Các phong trào thi đua
“Lao động giỏi, lao động sáng tạo”, “Giỏi việc nước, đảm việc nhà”, chương trình “Mái ấm Công đoàn”
đã trở thành nét đẹp trong đời sống đoàn viên, người lao động.</p>
<h2>Phần thưởng cao quý</h2>
<p>Ghi nhận những đóng góp đó, Liên đoàn Lao động tỉnh được tặng thưởng Huân chương Lao động hạng Nhì,
hạng Ba và nhiều Cờ thi đua của Tổng Liên đoàn Lao động Việt Nam.</p>
"""

FUNCTIONS = """
<p>Liên đoàn Lao động tỉnh là tổ chức công đoàn cấp tỉnh, trực thuộc Tổng Liên đoàn Lao động Việt Nam,
có các chức năng, nhiệm vụ chính sau:</p>
<ol>
<li>Đại diện, chăm lo, bảo vệ quyền và lợi ích hợp pháp, chính đáng của đoàn viên, người lao động
trên địa bàn tỉnh.</li>
<li>Tham gia quản lý nhà nước, quản lý kinh tế – xã hội; tham gia thanh tra, kiểm tra, giám sát hoạt động của
cơ quan, tổ chức, đơn vị, doanh nghiệp về những vấn đề liên quan đến quyền, nghĩa vụ của người lao động.</li>
<li>Tuyên truyền, vận động đoàn viên, người lao động học tập nâng cao trình độ, kỹ năng nghề nghiệp,
chấp hành pháp luật, xây dựng giai cấp công nhân lớn mạnh.</li>
<li>Chỉ đạo, hướng dẫn các công đoàn cấp trên trực tiếp cơ sở và công đoàn cơ sở; phát triển đoàn viên,
xây dựng tổ chức công đoàn vững mạnh.</li>
<li>Tổ chức các phong trào thi đua yêu nước trong công nhân, viên chức, lao động.</li>
</ol>
"""

STRUCTURE = """
<p>Bộ máy của Liên đoàn Lao động tỉnh gồm Ban Chấp hành, Ban Thường vụ, Thường trực, Ủy ban Kiểm tra,
các ban chuyên môn và Văn phòng. Dưới Liên đoàn Lao động tỉnh là các công đoàn cấp trên trực tiếp cơ sở:
liên đoàn lao động các huyện, thành phố và các công đoàn ngành.</p>
"""

EXECUTIVE = """
<p>Ban Chấp hành Liên đoàn Lao động tỉnh khóa VIII, nhiệm kỳ 2023–2028, được Đại hội đại biểu Công đoàn
tỉnh bầu ra, gồm các đồng chí dưới đây.</p>
"""

STANDING = """
<p>Ban Thường vụ do Ban Chấp hành bầu ra, thay mặt Ban Chấp hành chỉ đạo hoạt động giữa hai kỳ họp.</p>
"""

PAGES = [
    # (slug, parent slug, title, order, block, summary, body)
    ("lich-su", None, "Lịch sử hình thành và phát triển", 1, "",
     "Từ ngày tái lập tỉnh năm 1997 đến nay: các kỳ đại hội, phong trào và phần thưởng.", HISTORY),
    ("chuc-nang-nhiem-vu", None, "Chức năng, nhiệm vụ", 2, "",
     "Đại diện, chăm lo, bảo vệ quyền lợi đoàn viên, người lao động và những nhiệm vụ khác.", FUNCTIONS),
    ("co-cau-to-chuc", None, "Cơ cấu tổ chức", 3, Page.Block.ORGANISATION,
     "Sơ đồ bộ máy của Liên đoàn Lao động tỉnh và các công đoàn trực thuộc.", STRUCTURE),
    ("ban-chap-hanh", None, "Ban Chấp hành", 4, Page.Block.EXECUTIVE,
     "Ban Chấp hành Liên đoàn Lao động tỉnh khóa VIII, nhiệm kỳ 2023–2028.", EXECUTIVE),
    ("ban-thuong-vu", "ban-chap-hanh", "Ban Thường vụ", 1, Page.Block.STANDING,
     "Các đồng chí Ủy viên Ban Thường vụ, nhiệm kỳ 2023–2028.", STANDING),
]  # fmt: skip

UNITS = [
    # (name, parent name, order, description, English name)
    ("Ban Chấp hành LĐLĐ tỉnh", None, 1, "27 ủy viên, nhiệm kỳ 2023–2028", "Executive Committee"),
    ("Ban Thường vụ", "Ban Chấp hành LĐLĐ tỉnh", 1, "9 ủy viên", "Standing Committee"),
    ("Thường trực LĐLĐ tỉnh", "Ban Thường vụ", 1, "Chủ tịch và các Phó Chủ tịch", "Presidium"),
    ("Các ban chuyên môn, Văn phòng", "Thường trực LĐLĐ tỉnh", 1, "", "Departments"),
    ("Văn phòng", "Các ban chuyên môn, Văn phòng", 1, "Tổng hợp, hành chính, tài chính", "Office"),
    ("Ban Tổ chức", "Các ban chuyên môn, Văn phòng", 2, "Phát triển đoàn viên, xây dựng tổ chức",
     "Organisation Department"),
    ("Ban Tuyên giáo – Nữ công", "Các ban chuyên môn, Văn phòng", 3, "Tuyên truyền, văn hóa, lao động nữ",
     "Propaganda and Women's Affairs Department"),
    ("Ban Chính sách – Pháp luật", "Các ban chuyên môn, Văn phòng", 4, "Tư vấn pháp luật, quan hệ lao động",
     "Policy and Law Department"),
    ("Ủy ban Kiểm tra", "Thường trực LĐLĐ tỉnh", 2, "Kiểm tra, giám sát, tài chính công đoàn", "Inspection Committee"),
    ("Công đoàn cấp trên trực tiếp cơ sở", "Thường trực LĐLĐ tỉnh", 3, "11 đơn vị, hơn 400 công đoàn cơ sở",
     "Affiliated district and sector unions"),
    ("LĐLĐ thành phố Bắc Kạn", "Công đoàn cấp trên trực tiếp cơ sở", 1, "", ""),
    ("LĐLĐ huyện Ba Bể", "Công đoàn cấp trên trực tiếp cơ sở", 2, "", ""),
    ("LĐLĐ huyện Bạch Thông", "Công đoàn cấp trên trực tiếp cơ sở", 3, "", ""),
    ("LĐLĐ huyện Chợ Đồn", "Công đoàn cấp trên trực tiếp cơ sở", 4, "", ""),
    ("LĐLĐ huyện Chợ Mới", "Công đoàn cấp trên trực tiếp cơ sở", 5, "", ""),
    ("LĐLĐ huyện Na Rì", "Công đoàn cấp trên trực tiếp cơ sở", 6, "", ""),
    ("LĐLĐ huyện Ngân Sơn", "Công đoàn cấp trên trực tiếp cơ sở", 7, "", ""),
    ("LĐLĐ huyện Pác Nặm", "Công đoàn cấp trên trực tiếp cơ sở", 8, "", ""),
    ("Công đoàn ngành Giáo dục", "Công đoàn cấp trên trực tiếp cơ sở", 9, "", ""),
    ("Công đoàn ngành Y tế", "Công đoàn cấp trên trực tiếp cơ sở", 10, "", ""),
    ("Công đoàn Viên chức tỉnh", "Công đoàn cấp trên trực tiếp cơ sở", 11, "", ""),
]  # fmt: skip

STANDING_BOARD, EXECUTIVE_BOARD = Leader.Board.STANDING, Leader.Board.EXECUTIVE
LEADERS = [
    # (name, position, board, order, phone, email, English position)
    ("Hoàng Văn Thành", "Tỉnh ủy viên, Chủ tịch Liên đoàn Lao động tỉnh", STANDING_BOARD, 1,
     "0209 3870 101", "chutich@congdoanbackan.vn", "President"),
    ("Nông Thị Hồng Nhung", "Phó Chủ tịch Thường trực Liên đoàn Lao động tỉnh", STANDING_BOARD, 2,
     "0209 3870 102", "pctt@congdoanbackan.vn", "Standing Vice President"),
    ("Triệu Văn Khánh", "Phó Chủ tịch Liên đoàn Lao động tỉnh", STANDING_BOARD, 3,
     "0209 3870 103", "", "Vice President"),
    ("Lường Thị Thu Hà", "Trưởng Ban Tổ chức", STANDING_BOARD, 4, "0209 3870 110", "", ""),
    ("Ma Đình Quyết", "Chủ nhiệm Ủy ban Kiểm tra", STANDING_BOARD, 5, "0209 3870 112", "", ""),
    ("Bế Thị Lan Anh", "Trưởng Ban Tuyên giáo – Nữ công", STANDING_BOARD, 6, "0209 3870 114", "", ""),
    ("Đinh Văn Tiến", "Chánh Văn phòng Liên đoàn Lao động tỉnh", STANDING_BOARD, 7, "0209 3870 105",
     "vanphong@congdoanbackan.vn", "Chief of Office"),
    ("Hà Thị Mai", "Chủ tịch Công đoàn ngành Giáo dục", EXECUTIVE_BOARD, 10, "", "", ""),
    ("Lý Văn Dũng", "Chủ tịch LĐLĐ huyện Ba Bể", EXECUTIVE_BOARD, 11, "", "", ""),
    ("Phùng Thị Thanh Tâm", "Chủ tịch Công đoàn ngành Y tế", EXECUTIVE_BOARD, 12, "", "", ""),
    ("La Văn Hùng", "Chủ tịch Công đoàn cơ sở Công ty Cổ phần Khoáng sản Bắc Kạn", EXECUTIVE_BOARD, 13, "", "", ""),
]  # fmt: skip

OFFICERS = [
    (Officer.Role.SPOKESPERSON, "Hoàng Văn Thành", "Chủ tịch Liên đoàn Lao động tỉnh", "0209 3870 101",
     "chutich@congdoanbackan.vn"),
    (Officer.Role.PRESS, "Đinh Văn Tiến", "Chánh Văn phòng Liên đoàn Lao động tỉnh", "0209 3870 105",
     "vanphong@congdoanbackan.vn"),
    (Officer.Role.INFORMATION, "Vi Thị Hằng", "Phó Chánh Văn phòng Liên đoàn Lao động tỉnh", "0209 3870 106",
     "thongtin@congdoanbackan.vn"),
    (Officer.Role.EDITOR, "Bế Thị Lan Anh", "Trưởng Ban Tuyên giáo – Nữ công", "0209 3870 114",
     "banbientap@congdoanbackan.vn"),
]  # fmt: skip

INTRO_EN = """Bac Kan Provincial Federation of Labour is the trade union organisation of Bac Kan province and a \
member of the Vietnam General Confederation of Labour. It represents more than 22,000 union members working in \
over 400 grassroots unions in public service, enterprises and cooperatives.

Its Executive Committee for the 2023–2028 term was elected by the Provincial Trade Union Congress."""

FUNCTIONS_EN = """Represents and protects the lawful rights and interests of union members and workers in the province.
Takes part in state and socio-economic management and in inspecting matters that concern workers.
Informs workers about labour law and encourages them to improve their skills.
Guides the district and sector unions and the grassroots unions, and recruits new members.
Organises emulation movements among workers, civil servants and employees."""


def _portrait(seed: int) -> ContentFile:
    """A 600×800 placeholder portrait: a soft background and a head-and-shoulders silhouette."""
    hues = [(214, 228, 240), (236, 222, 214), (222, 236, 224), (232, 226, 240)]
    width, height = 600, 800
    image = Image.new("RGB", (width, height), hues[seed % len(hues)])
    draw = ImageDraw.Draw(image)
    shade = (92 + seed * 7 % 40, 104, 122)
    draw.ellipse([190, 170, 410, 420], fill=shade)
    draw.rounded_rectangle([90, 450, 510, 900], radius=160, fill=shade)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return ContentFile(buffer.getvalue(), name=f"chan-dung-{seed}.jpg")


def _map() -> ContentFile:
    """A 1200×800 drawn street map with a river and a marker at the head office."""
    image = Image.new("RGB", (1200, 800), (242, 239, 233))
    draw = ImageDraw.Draw(image)
    draw.line([(0, 640), (300, 560), (700, 610), (1200, 500)], fill=(150, 196, 230), width=60)
    for x in range(80, 1200, 220):
        draw.line([(x, 0), (x + 60, 800)], fill=(255, 255, 255), width=18)
    for y in range(90, 560, 150):
        draw.line([(0, y), (1200, y + 30)], fill=(255, 255, 255), width=18)
    draw.line([(0, 330), (1200, 380)], fill=(250, 214, 120), width=30)
    draw.rectangle([520, 230, 640, 310], fill=(210, 200, 190))
    draw.ellipse([555, 170, 605, 220], fill=(179, 18, 27))
    draw.polygon([(560, 205), (600, 205), (580, 250)], fill=(179, 18, 27))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return ContentFile(buffer.getvalue(), name="ban-do-tru-so.jpg")


@transaction.atomic
def load(*, stdout) -> None:
    pages = {page.slug: page for page in Page.objects.all()}
    for slug, parent, title, order, block, summary, body in PAGES:
        if slug not in pages:
            pages[slug] = Page.objects.create(
                slug=slug, parent=pages.get(parent), title=title, order=order, block=block, summary=summary, body=body
            )

    units = {unit.name: unit for unit in Unit.objects.all()}
    for name, parent, order, description, name_en in UNITS:
        if name not in units:
            units[name] = Unit.objects.create(
                name=name, parent=units.get(parent), order=order, description=description, name_en=name_en
            )

    names = set(Leader.objects.values_list("name", flat=True))
    for seed, (name, position, board, order, phone, email, position_en) in enumerate(LEADERS):
        if name not in names:
            Leader.objects.create(
                name=name, position=position, board=board, order=order, phone=phone, email=email,
                position_en=position_en, photo=_portrait(seed),
            )  # fmt: skip

    if not Officer.objects.exists():
        for order, (role, name, position, phone, email) in enumerate(OFFICERS, start=1):
            Officer.objects.create(role=role, name=name, position=position, phone=phone, email=email, order=order)

    if not Profile.objects.exists():
        Profile.objects.create(
            map_image=_map(),
            map_alt="Bản đồ trụ sở Liên đoàn Lao động tỉnh, cạnh đường Trường Chinh, gần bờ sông Cầu.",
            map_url="https://www.openstreetmap.org/?mlat=22.1470&mlon=105.8348#map=17/22.1470/105.8348",
            name_en="Bac Kan Provincial Federation of Labour",
            address_en="Group 1, Duc Xuan Ward, Bac Kan City, Bac Kan Province, Viet Nam",
            intro_en=INTRO_EN,
            functions_en=FUNCTIONS_EN,
        )
    stdout.write(
        f"Giới thiệu: {len(PAGES)} trang, {len(UNITS)} đơn vị trong sơ đồ, {len(LEADERS)} lãnh đạo, trang Liên hệ."
    )
