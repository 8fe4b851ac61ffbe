import pytest

from congdoan.roles import EDITOR_GROUP, WRITER_GROUP
from tests.news.factories import UserFactory
from tests.utils import give_role


@pytest.fixture
def writer(db):
    user = UserFactory(username="phongvien-test", first_name="Thu", last_name="Thủy")
    give_role(user, WRITER_GROUP)
    return user


@pytest.fixture
def other_writer(db):
    user = UserFactory(username="phongvien-khac")
    give_role(user, WRITER_GROUP)
    return user


@pytest.fixture
def editor(db):
    user = UserFactory(username="bientap-test", first_name="Biên", last_name="Tập Viên")
    give_role(user, EDITOR_GROUP)
    return user
