import pytest
from django.contrib.auth.models import Group

from congdoan.roles import EDITOR_GROUP, WRITER_GROUP
from tests.news.factories import UserFactory


@pytest.fixture
def writer(db):
    user = UserFactory(username="phongvien-test", first_name="Thu", last_name="Thủy")
    user.groups.add(Group.objects.get(name=WRITER_GROUP))
    return user


@pytest.fixture
def other_writer(db):
    user = UserFactory(username="phongvien-khac")
    user.groups.add(Group.objects.get(name=WRITER_GROUP))
    return user


@pytest.fixture
def editor(db):
    user = UserFactory(username="bientap-test", first_name="Biên", last_name="Tập Viên")
    user.groups.add(Group.objects.get(name=EDITOR_GROUP))
    return user
