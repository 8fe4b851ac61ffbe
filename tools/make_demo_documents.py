"""Writes the demo documents' PDFs (documents/demo_files/), committed so `make run` needs no PDF
writer: `.venv/bin/python tools/make_demo_documents.py` (fpdf2 is in requirements-dev.txt).

Three PDFs with a text layer, as an office prints them from Word, and one "scan" (a picture of
a page, no text) to show how the register treats a scanned PDF. Fonts: Debian's DejaVu.
"""

import io
import sys
from pathlib import Path

from fpdf import FPDF
from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "documents" / "demo_files"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf"

TEXTS = {
    "ke-hoach-377-kh-tld.pdf": (
        "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM",
        "Số: 377/KH-TLĐ",
        "KẾ HOẠCH\nTổ chức Tháng Công nhân năm 2025",
        [
            "Thực hiện Chương trình công tác năm 2025, Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam ban "
            "hành Kế hoạch tổ chức Tháng Công nhân năm 2025 với chủ đề “Công nhân chủ động, sáng tạo – "
            "Công đoàn đồng hành, phát triển”.",
            "I. MỤC ĐÍCH, YÊU CẦU. Chăm lo thiết thực cho đoàn viên, người lao động, nhất là người lao động "
            "có hoàn cảnh khó khăn; tăng cường đối thoại tại nơi làm việc; biểu dương công nhân tiêu biểu.",
            "II. NỘI DUNG. 1. Tổ chức chương trình “Tháng Công nhân – Tháng An toàn vệ sinh lao động” tại "
            "các khu công nghiệp. 2. Thăm hỏi, tặng quà đoàn viên bị tai nạn lao động, bệnh nghề nghiệp. "
            "3. Tổ chức “Bữa cơm công đoàn” và “Phiên chợ nghĩa tình” ở doanh nghiệp có đông lao động.",
            "III. TỔ CHỨC THỰC HIỆN. Các liên đoàn lao động tỉnh, thành phố, công đoàn ngành trung ương "
            "báo cáo kết quả về Tổng Liên đoàn (qua Ban Tuyên giáo) trước ngày 15/6/2025.",
        ],
    ),
    "huong-dan-15-hd-ldld.pdf": (
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH BẮC KẠN",
        "Số: 15/HD-LĐLĐ",
        "HƯỚNG DẪN\nThu, nộp kinh phí công đoàn và đoàn phí công đoàn năm 2025",
        [
            "Căn cứ Luật Công đoàn năm 2024 và Quyết định số 1910/QĐ-TLĐ của Tổng Liên đoàn, Ban Thường vụ "
            "Liên đoàn Lao động tỉnh hướng dẫn công đoàn cơ sở thực hiện thu, nộp kinh phí công đoàn.",
            "1. Đoàn phí công đoàn: đoàn viên đóng bằng 1% tiền lương làm căn cứ đóng bảo hiểm xã hội, "
            "tối đa bằng 10% mức lương cơ sở.",
            "2. Kinh phí công đoàn: cơ quan, doanh nghiệp đóng bằng 2% quỹ tiền lương làm căn cứ đóng "
            "bảo hiểm xã hội cho người lao động, nộp hằng tháng qua tài khoản của Liên đoàn Lao động tỉnh.",
            "3. Công đoàn cơ sở mở sổ sách kế toán, công khai tài chính tại hội nghị đoàn viên.",
        ],
    ),
    "nghi-quyet-08-nq-ldld.pdf": (
        "LIÊN ĐOÀN LAO ĐỘNG TỈNH BẮC KẠN",
        "Số: 08/NQ-LĐLĐ",
        "NGHỊ QUYẾT\nVề phát triển đoàn viên, thành lập công đoàn cơ sở giai đoạn 2024 – 2028",
        [
            "Ban Chấp hành Liên đoàn Lao động tỉnh quyết nghị: đến năm 2028 kết nạp mới ít nhất 6.000 đoàn "
            "viên, thành lập mới 40 công đoàn cơ sở tại doanh nghiệp ngoài nhà nước.",
            "Giao Ban Tổ chức chủ trì, phối hợp các công đoàn cấp trên trực tiếp cơ sở khảo sát doanh "
            "nghiệp có từ 25 lao động trở lên chưa có tổ chức công đoàn.",
            "Nghị quyết này thay thế Nghị quyết số 03/NQ-LĐLĐ ngày 12/4/2021.",
        ],
    ),
}


def text_pdf(header: str, number: str, title: str, paragraphs: list[str]) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_creator("Công đoàn – dữ liệu mẫu")
    pdf.add_font("DejaVu", "", FONT)
    pdf.add_font("DejaVu", "B", FONT_BOLD)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 11)
    pdf.cell(0, 6, header, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 11)
    pdf.cell(0, 6, number, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)
    pdf.set_font("DejaVu", "B", 13)
    pdf.multi_cell(0, 7, title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 12)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6.5, paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    return bytes(pdf.output())


def scanned_pdf() -> bytes:
    """A page as a scanner makes it: one grey picture, no text layer."""
    image = Image.new("L", (620, 877), 250)
    draw = ImageDraw.Draw(image)
    for top in range(120, 800, 22):
        draw.rectangle([60, top, 560 - (top * 7) % 90, top + 8], fill=90)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(buffer, x=0, y=0, w=210)
    return bytes(pdf.output())


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, parts in TEXTS.items():
        (OUT / name).write_bytes(text_pdf(*parts))
    (OUT / "quyet-dinh-933-qd-tld-ban-quet.pdf").write_bytes(scanned_pdf())
    print(f"Wrote {len(TEXTS) + 1} PDFs to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
