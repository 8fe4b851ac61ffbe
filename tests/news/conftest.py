import pytest

from congdoan.roles import EDITOR_GROUP, WRITER_GROUP
from tests.utils import give_role

from .factories import UserFactory


@pytest.fixture
def writer(db):
    user = UserFactory(username="phongvien-test")
    give_role(user, WRITER_GROUP)
    return user


@pytest.fixture
def other_writer(db):
    user = UserFactory(username="phongvien-khac")
    give_role(user, WRITER_GROUP)
    return user


@pytest.fixture
def editor(db):
    user = UserFactory(username="bientap-test2")
    give_role(user, EDITOR_GROUP)
    return user
