import pytest
from django.contrib.auth.models import Group

from legal.roles import ADVISER_GROUP
from tests.news.factories import UserFactory

from .factories import AdviserFactory


@pytest.fixture(autouse=True)
def _plain_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def adviser_user(db):
    user = UserFactory(username="tuvanvien-test", email="tuvanvien@example.vn")
    user.groups.add(Group.objects.get(name=ADVISER_GROUP))
    return user


@pytest.fixture
def adviser(adviser_user):
    return AdviserFactory(user=adviser_user)
