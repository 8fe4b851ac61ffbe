import pytest
from django.contrib.auth.models import Group

from congdoan.roles import EDITOR_GROUP, WRITER_GROUP
from tests.news.factories import UserFactory


@pytest.fixture
def writer(db):
    user = UserFactory(username="phongvien-vanban")
    user.groups.add(Group.objects.get(name=WRITER_GROUP))
    return user


@pytest.fixture
def editor(db):
    user = UserFactory(username="bientap-vanban")
    user.groups.add(Group.objects.get(name=EDITOR_GROUP))
    return user
