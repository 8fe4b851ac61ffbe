import pytest

from legal.roles import ADVISER_GROUP
from tests.news.factories import UserFactory
from tests.utils import give_role

from .factories import AdviserFactory


@pytest.fixture(autouse=True)
def _plain_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def adviser_user(db):
    # The adviser's role is a Membership of the default federation (congdoan.models).
    return give_role(UserFactory(username="tuvanvien-test", email="tuvanvien@example.vn"), ADVISER_GROUP)


@pytest.fixture
def adviser(adviser_user):
    return AdviserFactory(user=adviser_user)
