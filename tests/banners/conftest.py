import pytest
from django.contrib.auth.models import Group, Permission

from tests.utils import give_role

BANNER_MODELS = ("slide", "slogan", "commemoration", "tickersettings")


@pytest.fixture
def editor(django_user_model):
    """A staff user in a group holding every banners permission, as the editors' group will."""
    group = Group.objects.create(name="Biên tập viên (thử)")
    group.permissions.set(Permission.objects.filter(content_type__app_label="banners"))
    user = django_user_model.objects.create_user("bientap-banners", password="mat-khau-thu", is_staff=True)
    give_role(user, group)
    return user


@pytest.fixture
def writer(django_user_model):
    """Staff without any banners permission, like a writer (Phóng viên)."""
    group = Group.objects.create(name="Phóng viên (thử)")
    group.permissions.set(Permission.objects.exclude(content_type__app_label="banners"))
    user = django_user_model.objects.create_user("phongvien-banners", password="mat-khau-thu", is_staff=True)
    give_role(user, group)
    return user
