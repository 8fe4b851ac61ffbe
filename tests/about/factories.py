import factory

from about.models import Leader, Officer, Page, Unit


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    title = factory.Sequence(lambda n: f"Trang giới thiệu {n}")
    summary = "Tóm tắt trang."
    body = "<p>Nội dung trang.</p>"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"Đơn vị {n}")


class LeaderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Leader

    name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    position = "Ủy viên Ban Chấp hành"


class OfficerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Officer

    role = Officer.Role.SPOKESPERSON
    name = "Hoàng Văn Thành"
    position = "Chủ tịch Liên đoàn Lao động tỉnh"
    phone = "0209 3870 101"
    email = "chutich@congdoanbackan.vn"
