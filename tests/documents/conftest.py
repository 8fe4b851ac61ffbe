import pytest

from congdoan.roles import EDITOR_GROUP, WRITER_GROUP
from tests.news.factories import UserFactory
from tests.utils import give_role


@pytest.fixture
def writer(db):
    return give_role(UserFactory(username="phongvien-vanban"), WRITER_GROUP)


@pytest.fixture
def editor(db):
    return give_role(UserFactory(username="bientap-vanban"), EDITOR_GROUP)
