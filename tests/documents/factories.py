import datetime
import io
import zipfile

import factory
from django.utils import timezone

from documents.models import Document, Issuer, Topic


class IssuerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issuer
        django_get_or_create = ("name",)

    name = "Tổng Liên đoàn Lao động Việt Nam"
    code = "TLĐ"
    level = Issuer.Level.NATIONAL


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("name",)

    name = "Tuyên giáo – Thi đua"


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document
        skip_postgeneration_save = True

    number = factory.Sequence(lambda n: f"{n + 100}/KH-TLĐ")
    kind = "ke-hoach"
    issuer = factory.SubFactory(IssuerFactory)
    title = factory.Sequence(lambda n: f"Tổ chức hoạt động công đoàn đợt {n}")
    issued_on = datetime.date(2025, 3, 10)
    status = Document.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.add(*extracted)


FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"


def pdf_bytes(*paragraphs: str, extra_pages: int = 0) -> bytes:
    """A PDF with a text layer, as an office prints one from Word."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", FONT)
    pdf.add_page()
    pdf.set_font("DejaVu", "", 12)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
    for _ in range(extra_pages):
        pdf.add_page()
    return bytes(pdf.output())


def scanned_pdf_bytes() -> bytes:
    """A scan: one picture on a page, no text."""
    from fpdf import FPDF
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("L", (200, 280), 200).save(buffer, format="PNG")
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(buffer, x=0, y=0, w=210)
    return bytes(pdf.output())


def docx_bytes(*paragraphs: str) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_bytes(members: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()
