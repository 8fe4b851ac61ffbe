"""Demo organisation pages for `manage.py load_demo` (idempotent: found by slug or name).

The people are invented; the text was written for this demo. Portraits and the map are drawn
here (no photo of a real person, no tile from a map service).
"""

import io
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageDraw

from congdoan.tenancy import this_federation

from .models import Leader, Officer, Page, Profile, Unit

PROVINCIAL_FUNCTIONS = """
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

PROVINCIAL_STRUCTURE = """
<p>Bộ máy của Liên đoàn Lao động tỉnh gồm Ban Chấp hành, Ban Thường vụ, Thường trực, Ủy ban Kiểm tra,
các ban chuyên môn và Văn phòng. Trực thuộc Liên đoàn Lao động tỉnh là các công đoàn cấp trên trực tiếp cơ sở:
các công đoàn ngành, Công đoàn Viên chức tỉnh và công đoàn các khu công nghiệp; dưới đó là công đoàn cơ sở
trong các cơ quan, đơn vị, doanh nghiệp.</p>
"""

STANDING = """
<p>Ban Thường vụ do Ban Chấp hành bầu ra, thay mặt Ban Chấp hành chỉ đạo hoạt động giữa hai kỳ họp.</p>
"""

THAI_NGUYEN_HISTORY = """
<p>Liên đoàn Lao động tỉnh Thái Nguyên hiện nay được hình thành ngày 01/7/2025, khi tỉnh Thái Nguyên và tỉnh
Bắc Kạn hợp nhất thành tỉnh Thái Nguyên theo nghị quyết của Quốc hội về sắp xếp đơn vị hành chính cấp tỉnh.
Liên đoàn Lao động hai tỉnh hợp nhất thành một, kế thừa truyền thống của tổ chức Công đoàn trên cả hai địa bàn.</p>
<h2>Hai chặng đường, một truyền thống</h2>
<p>Thái Nguyên là cái nôi của ngành gang thép miền Bắc: phong trào công nhân ở đây gắn với Khu Gang thép
Thái Nguyên từ những năm 1960. Ngày nay các khu công nghiệp Yên Bình, Sông Công, Điềm Thụy có hàng vạn công nhân,
phần lớn là lao động trẻ. Bắc Kạn, tái lập ngày 01/01/1997, có đội ngũ đoàn viên chủ yếu trong khu vực hành chính
sự nghiệp, giáo dục và y tế ở vùng cao.</p>
<h2>Kho tin bài của Bắc Kạn</h2>
<p>Tin, bài đã đăng trên trang tin của Liên đoàn Lao động tỉnh Bắc Kạn trước ngày hợp nhất được lưu giữ trên
trang này; các đường dẫn cũ tự chuyển về đúng bài viết.</p>
"""

THAI_NGUYEN_EXECUTIVE = """
<p>Ban Chấp hành Liên đoàn Lao động tỉnh nhiệm kỳ 2023–2028 sau hợp nhất gồm các đồng chí dưới đây.</p>
"""

SON_LA_HISTORY = """
<p>Tổ chức Công đoàn tỉnh Sơn La gắn với những công trình lớn của vùng Tây Bắc: từ các nông trường, lâm trường
những năm 1960 đến công trường Thủy điện Sơn La (2005–2012), nơi hàng vạn công nhân, kỹ sư lao động trong điều
kiện khắc nghiệt. Ngày nay đoàn viên của Liên đoàn Lao động tỉnh làm việc trong các cơ quan, trường học,
bệnh viện, doanh nghiệp chế biến nông sản và thủy điện.</p>
<p>Tỉnh Sơn La giữ nguyên địa giới khi sắp xếp đơn vị hành chính cấp tỉnh năm 2025; Liên đoàn Lao động tỉnh
tiếp tục hoạt động, các công đoàn cơ sở được sắp xếp lại theo các xã, phường mới.</p>
"""

NATIONAL_HISTORY = """
<p>Ngày 28/7/1929, Tổng Công hội Đỏ Bắc Kỳ – tổ chức công hội đầu tiên của giai cấp công nhân Việt Nam – được
thành lập. Ngày này trở thành ngày truyền thống của Công đoàn Việt Nam.</p>
<p>Qua gần một thế kỷ, tổ chức Công đoàn đồng hành cùng dân tộc trong các cuộc kháng chiến, xây dựng và đổi mới
đất nước. Đại hội XIII Công đoàn Việt Nam (tháng 12/2023) đề ra phương hướng nhiệm kỳ 2023–2028 với khẩu hiệu
“Đổi mới tổ chức và hoạt động Công đoàn, vì việc làm bền vững, thu nhập tốt, cuộc sống hạnh phúc của đoàn viên,
người lao động”.</p>
"""

NATIONAL_FUNCTIONS = """
<p>Theo Luật Công đoàn năm 2024, Công đoàn Việt Nam có các chức năng:</p>
<ol>
<li>Đại diện cho người lao động; chăm lo, bảo vệ quyền và lợi ích hợp pháp, chính đáng của đoàn viên,
người lao động.</li>
<li>Tham gia quản lý nhà nước, quản lý kinh tế – xã hội; tham gia thanh tra, kiểm tra, giám sát hoạt động của
cơ quan, tổ chức, đơn vị, doanh nghiệp về những vấn đề liên quan đến quyền, nghĩa vụ của người lao động.</li>
<li>Tuyên truyền, vận động đoàn viên, người lao động học tập nâng cao trình độ, kỹ năng nghề nghiệp, chấp hành
pháp luật, xây dựng giai cấp công nhân Việt Nam lớn mạnh.</li>
</ol>
"""

NATIONAL_STRUCTURE = """
<p>Cơ quan lãnh đạo của Tổng Liên đoàn giữa hai kỳ Đại hội là Ban Chấp hành; Đoàn Chủ tịch điều hành công việc
giữa hai kỳ họp Ban Chấp hành. Trực thuộc Tổng Liên đoàn là liên đoàn lao động các tỉnh, thành phố và các
công đoàn ngành trung ương và tương đương.</p>
"""


@dataclass(frozen=True)
class Site:
    """One federation's demo pages, organisation chart, leaders, officers and contact page."""

    pages: list  # (slug, parent slug, title, order, block, summary, body)
    units: list  # (name, parent name, order, description, English name)
    leaders: list  # (name, position, board, order, phone, email, English position)
    officers: list  # (role, name, position, phone, email)
    profile: dict


BOARD = "Ban Chấp hành LĐLĐ tỉnh"
STANDING_UNIT = "Thường trực LĐLĐ tỉnh"
DEPARTMENTS = "Các ban chuyên môn, Văn phòng"
AFFILIATES = "Công đoàn cấp trên trực tiếp cơ sở"
STANDING_BOARD, EXECUTIVE_BOARD = Leader.Board.STANDING, Leader.Board.EXECUTIVE
SPOKESPERSON, PRESS = Officer.Role.SPOKESPERSON, Officer.Role.PRESS
INFORMATION, EDITOR = Officer.Role.INFORMATION, Officer.Role.EDITOR


def _provincial_units(board_size: str, affiliates: list[str], affiliates_note: str) -> list:
    return [
        (BOARD, None, 1, board_size, "Executive Committee"),
        ("Ban Thường vụ", BOARD, 1, "", "Standing Committee"),
        (STANDING_UNIT, "Ban Thường vụ", 1, "Chủ tịch và các Phó Chủ tịch", "Presidium"),
        (DEPARTMENTS, STANDING_UNIT, 1, "", "Departments"),
        ("Văn phòng", DEPARTMENTS, 1, "Tổng hợp, hành chính, tài chính", "Office"),
        ("Ban Tổ chức", DEPARTMENTS, 2, "Phát triển đoàn viên, xây dựng tổ chức", "Organisation Department"),
        ("Ban Tuyên giáo – Nữ công", DEPARTMENTS, 3, "Tuyên truyền, văn hóa, lao động nữ",
         "Propaganda and Women's Affairs Department"),
        ("Ban Chính sách – Pháp luật", DEPARTMENTS, 4, "Tư vấn pháp luật, quan hệ lao động",
         "Policy and Law Department"),
        ("Ủy ban Kiểm tra", STANDING_UNIT, 2, "Kiểm tra, giám sát, tài chính công đoàn", "Inspection Committee"),
        (AFFILIATES, STANDING_UNIT, 3, affiliates_note, "Affiliated sector and industrial-zone unions"),
        *[(name, AFFILIATES, order, "", "") for order, name in enumerate(affiliates, start=1)],
    ]  # fmt: skip


THAI_NGUYEN = Site(
    pages=[
        ("lich-su", None, "Lịch sử hình thành và phát triển", 1, "",
         "Từ hai tỉnh Thái Nguyên và Bắc Kạn đến Liên đoàn Lao động tỉnh Thái Nguyên sau ngày 01/7/2025.",
         THAI_NGUYEN_HISTORY),
        ("chuc-nang-nhiem-vu", None, "Chức năng, nhiệm vụ", 2, "",
         "Đại diện, chăm lo, bảo vệ quyền lợi đoàn viên, người lao động và những nhiệm vụ khác.",
         PROVINCIAL_FUNCTIONS),
        ("co-cau-to-chuc", None, "Cơ cấu tổ chức", 3, Page.Block.ORGANISATION,
         "Sơ đồ bộ máy của Liên đoàn Lao động tỉnh và các công đoàn trực thuộc.", PROVINCIAL_STRUCTURE),
        ("ban-chap-hanh", None, "Ban Chấp hành", 4, Page.Block.EXECUTIVE,
         "Ban Chấp hành Liên đoàn Lao động tỉnh nhiệm kỳ 2023–2028.", THAI_NGUYEN_EXECUTIVE),
        ("ban-thuong-vu", "ban-chap-hanh", "Ban Thường vụ", 1, Page.Block.STANDING,
         "Các đồng chí Ủy viên Ban Thường vụ, nhiệm kỳ 2023–2028.", STANDING),
    ],
    units=_provincial_units(
        "Nhiệm kỳ 2023–2028",
        ["Công đoàn ngành Giáo dục", "Công đoàn ngành Y tế", "Công đoàn Viên chức tỉnh",
         "Công đoàn các Khu công nghiệp tỉnh", "Công đoàn ngành Công Thương", "Công đoàn ngành Xây dựng",
         "Công đoàn ngành Nông nghiệp và Môi trường"],
        "7 đơn vị và các công đoàn cơ sở trực thuộc",
    ),
    leaders=[
        ("Trần Quốc Hưng", "Chủ tịch Liên đoàn Lao động tỉnh", STANDING_BOARD, 1,
         "0208 3855 101", "chutich@congdoanthainguyen.vn", "President"),
        ("Hoàng Thị Minh Phương", "Phó Chủ tịch Thường trực Liên đoàn Lao động tỉnh", STANDING_BOARD, 2,
         "0208 3855 102", "pctt@congdoanthainguyen.vn", "Standing Vice President"),
        ("Nông Văn Tuấn", "Phó Chủ tịch Liên đoàn Lao động tỉnh", STANDING_BOARD, 3,
         "0208 3855 103", "", "Vice President"),
        ("Dương Thị Thu Trang", "Trưởng Ban Tổ chức", STANDING_BOARD, 4, "0208 3855 110", "", ""),
        ("Lý Văn Hải", "Chủ nhiệm Ủy ban Kiểm tra", STANDING_BOARD, 5, "0208 3855 112", "", ""),
        ("Đỗ Thị Hạnh", "Trưởng Ban Tuyên giáo – Nữ công", STANDING_BOARD, 6, "0208 3855 114", "", ""),
        ("Phạm Minh Đức", "Chánh Văn phòng Liên đoàn Lao động tỉnh", STANDING_BOARD, 7, "0208 3855 105",
         "vanphong@congdoanthainguyen.vn", "Chief of Office"),
        ("Nguyễn Thị Lan", "Chủ tịch Công đoàn ngành Giáo dục", EXECUTIVE_BOARD, 10, "", "", ""),
        ("Ma Văn Sơn", "Chủ tịch Công đoàn các Khu công nghiệp tỉnh", EXECUTIVE_BOARD, 11, "", "", ""),
        ("Bùi Thị Ngọc", "Chủ tịch Công đoàn ngành Y tế", EXECUTIVE_BOARD, 12, "", "", ""),
        ("Triệu Văn Lâm", "Chủ tịch Công đoàn Viên chức tỉnh", EXECUTIVE_BOARD, 13, "", "", ""),
    ],
    officers=[
        (SPOKESPERSON, "Trần Quốc Hưng", "Chủ tịch Liên đoàn Lao động tỉnh", "0208 3855 101",
         "chutich@congdoanthainguyen.vn"),
        (PRESS, "Phạm Minh Đức", "Chánh Văn phòng Liên đoàn Lao động tỉnh", "0208 3855 105",
         "vanphong@congdoanthainguyen.vn"),
        (INFORMATION, "Vũ Thị Hằng", "Phó Chánh Văn phòng Liên đoàn Lao động tỉnh", "0208 3855 106",
         "thongtin@congdoanthainguyen.vn"),
        (EDITOR, "Đỗ Thị Hạnh", "Trưởng Ban Tuyên giáo – Nữ công", "0208 3855 114",
         "banbientap@congdoanthainguyen.vn"),
    ],
    profile={
        "map_alt": "Bản đồ trụ sở Liên đoàn Lao động tỉnh trên đường Hoàng Văn Thụ, gần bờ sông Cầu.",
        "map_url": "https://www.openstreetmap.org/?mlat=21.5930&mlon=105.8440#map=16/21.5930/105.8440",
        "name_en": "Thai Nguyen Provincial Federation of Labour",
        "address_en": "Hoang Van Thu Street, Phan Dinh Phung Ward, Thai Nguyen Province, Viet Nam",
        "intro_en": (
            "Thai Nguyen Provincial Federation of Labour is the trade union organisation of Thai Nguyen province "
            "and a member of the Vietnam General Confederation of Labour. Since 1 July 2025, when Bac Kan and Thai "
            "Nguyen provinces were merged, it also serves the union members of the former Bac Kan province.\n\n"
            "Its members work in industrial zones, enterprises, schools, hospitals and public service across the "
            "province."
        ),
        "functions_en": (
            "Represents and protects the lawful rights and interests of union members and workers in the province.\n"
            "Takes part in state and socio-economic management and in inspecting matters that concern workers.\n"
            "Informs workers about labour law and encourages them to improve their skills.\n"
            "Guides the sector and industrial-zone unions and the grassroots unions, and recruits new members.\n"
            "Organises emulation movements among workers, civil servants and employees."
        ),
    },
)  # fmt: skip

SON_LA = Site(
    pages=[
        ("lich-su", None, "Lịch sử hình thành và phát triển", 1, "",
         "Từ các nông trường, lâm trường Tây Bắc đến công trường Thủy điện Sơn La.", SON_LA_HISTORY),
        ("chuc-nang-nhiem-vu", None, "Chức năng, nhiệm vụ", 2, "",
         "Đại diện, chăm lo, bảo vệ quyền lợi đoàn viên, người lao động và những nhiệm vụ khác.",
         PROVINCIAL_FUNCTIONS),
        ("co-cau-to-chuc", None, "Cơ cấu tổ chức", 3, Page.Block.ORGANISATION,
         "Sơ đồ bộ máy của Liên đoàn Lao động tỉnh và các công đoàn trực thuộc.", PROVINCIAL_STRUCTURE),
        ("ban-thuong-vu", None, "Ban Thường vụ", 4, Page.Block.STANDING,
         "Các đồng chí Ủy viên Ban Thường vụ, nhiệm kỳ 2023–2028.", STANDING),
    ],
    units=_provincial_units(
        "Nhiệm kỳ 2023–2028",
        ["Công đoàn ngành Giáo dục", "Công đoàn ngành Y tế", "Công đoàn Viên chức tỉnh",
         "Công đoàn ngành Nông nghiệp và Môi trường"],
        "4 đơn vị và các công đoàn cơ sở trực thuộc",
    ),
    leaders=[
        ("Lò Văn Thắng", "Chủ tịch Liên đoàn Lao động tỉnh", STANDING_BOARD, 1,
         "0212 3852 101", "chutich@congdoansonla.vn", "President"),
        ("Cầm Thị Hoa", "Phó Chủ tịch Thường trực Liên đoàn Lao động tỉnh", STANDING_BOARD, 2,
         "0212 3852 102", "", "Standing Vice President"),
        ("Quàng Văn Minh", "Phó Chủ tịch Liên đoàn Lao động tỉnh", STANDING_BOARD, 3,
         "0212 3852 103", "", "Vice President"),
    ],
    officers=[
        (SPOKESPERSON, "Lò Văn Thắng", "Chủ tịch Liên đoàn Lao động tỉnh", "0212 3852 101",
         "chutich@congdoansonla.vn"),
        (EDITOR, "Hà Thị Thu", "Phó Chánh Văn phòng Liên đoàn Lao động tỉnh", "0212 3852 106",
         "banbientap@congdoansonla.vn"),
    ],
    profile={
        "map_alt": "Bản đồ trụ sở Liên đoàn Lao động tỉnh trên đường Tô Hiệu, gần suối Nậm La.",
        "map_url": "https://www.openstreetmap.org/?mlat=21.3270&mlon=103.9140#map=16/21.3270/103.9140",
        "name_en": "Son La Provincial Federation of Labour",
        "address_en": "To Hieu Street, To Hieu Ward, Son La Province, Viet Nam",
        "intro_en": (
            "Son La Provincial Federation of Labour is the trade union organisation of Son La province in the "
            "north-west of Viet Nam and a member of the Vietnam General Confederation of Labour."
        ),
        "functions_en": (
            "Represents and protects the lawful rights and interests of union members and workers in the province.\n"
            "Informs workers about labour law and encourages them to improve their skills.\n"
            "Organises emulation movements among workers, civil servants and employees."
        ),
    },
)  # fmt: skip

NATIONAL = Site(
    pages=[
        ("lich-su", None, "Lịch sử Công đoàn Việt Nam", 1, "",
         "Từ Tổng Công hội Đỏ Bắc Kỳ ngày 28/7/1929 đến Đại hội XIII Công đoàn Việt Nam.", NATIONAL_HISTORY),
        ("chuc-nang-nhiem-vu", None, "Chức năng, nhiệm vụ", 2, "",
         "Các chức năng của Công đoàn Việt Nam theo Luật Công đoàn năm 2024.", NATIONAL_FUNCTIONS),
        ("co-cau-to-chuc", None, "Cơ cấu tổ chức", 3, Page.Block.ORGANISATION,
         "Ban Chấp hành, Đoàn Chủ tịch, các ban và các liên đoàn lao động trực thuộc.", NATIONAL_STRUCTURE),
    ],
    units=[
        ("Ban Chấp hành Tổng Liên đoàn", None, 1, "Nhiệm kỳ 2023–2028", "Executive Committee"),
        ("Đoàn Chủ tịch", "Ban Chấp hành Tổng Liên đoàn", 1, "", "Presidium"),
        ("Ủy ban Kiểm tra Tổng Liên đoàn", "Ban Chấp hành Tổng Liên đoàn", 2, "", "Inspection Committee"),
        ("Các ban, Văn phòng", "Đoàn Chủ tịch", 1, "", "Departments"),
        ("Văn phòng", "Các ban, Văn phòng", 1, "", "Office"),
        ("Ban Tổ chức", "Các ban, Văn phòng", 2, "", "Organisation Department"),
        ("Ban Chính sách – Pháp luật", "Các ban, Văn phòng", 3, "", "Policy and Law Department"),
        ("Ban Tuyên giáo", "Các ban, Văn phòng", 4, "", "Propaganda Department"),
        ("Ban Nữ công", "Các ban, Văn phòng", 5, "", "Women's Affairs Department"),
        ("Ban Quan hệ lao động", "Các ban, Văn phòng", 6, "", "Labour Relations Department"),
        ("Liên đoàn lao động các tỉnh, thành phố", "Đoàn Chủ tịch", 2, "34 liên đoàn",
         "Provincial and municipal federations of labour"),
        ("Công đoàn ngành trung ương và tương đương", "Đoàn Chủ tịch", 3, "", "National sector unions"),
    ],
    leaders=[],
    officers=[],
    profile={
        "name_en": "Vietnam General Confederation of Labour",
        "address_en": "82 Tran Hung Dao Street, Cua Nam Ward, Ha Noi, Viet Nam",
        "intro_en": (
            "The Vietnam General Confederation of Labour is the national centre of the trade unions of Viet Nam. "
            "Its provincial and sector federations represent union members in every province and industry."
        ),
        "functions_en": (
            "Represents workers and protects the lawful rights and interests of union members and workers.\n"
            "Takes part in state and socio-economic management.\n"
            "Informs workers about the law and encourages them to improve their skills."
        ),
    },
)  # fmt: skip

SITES = {"thainguyen": THAI_NGUYEN, "sonla": SON_LA, "tld": NATIONAL}


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


def load(*, stdout) -> None:
    """The main federation's pages (Thái Nguyên's, whatever the federation's code)."""
    _load(SITES.get(this_federation().code, THAI_NGUYEN), stdout=stdout)


def load_for(federation, *, stdout) -> None:
    if federation.code in SITES:
        _load(SITES[federation.code], stdout=stdout)


@transaction.atomic
def _load(site: Site, *, stdout) -> None:
    pages = {page.slug: page for page in Page.objects.all()}
    for slug, parent, title, order, block, summary, body in site.pages:
        if slug not in pages:
            pages[slug] = Page.objects.create(
                slug=slug, parent=pages.get(parent), title=title, order=order, block=block, summary=summary, body=body
            )

    units = {unit.name: unit for unit in Unit.objects.all()}
    for name, parent, order, description, name_en in site.units:
        if name not in units:
            units[name] = Unit.objects.create(
                name=name, parent=units.get(parent), order=order, description=description, name_en=name_en
            )

    names = set(Leader.objects.values_list("name", flat=True))
    for seed, (name, position, board, order, phone, email, position_en) in enumerate(site.leaders):
        if name not in names:
            Leader.objects.create(
                name=name, position=position, board=board, order=order, phone=phone, email=email,
                position_en=position_en, photo=_portrait(seed),
            )  # fmt: skip

    if not Officer.objects.exists():
        for order, (role, name, position, phone, email) in enumerate(site.officers, start=1):
            Officer.objects.create(role=role, name=name, position=position, phone=phone, email=email, order=order)

    if not Profile.objects.exists():
        drawn_map = {"map_image": _map()} if "map_alt" in site.profile else {}
        Profile.objects.create(**drawn_map, **site.profile)
    stdout.write(
        f"Giới thiệu: {len(site.pages)} trang, {len(site.units)} đơn vị trong sơ đồ, {len(site.leaders)} lãnh đạo, "
        "trang Liên hệ."
    )
