import pytest

pytestmark = pytest.mark.django_db


def test_home_shows_federation_name(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "LIÊN ĐOÀN LAO ĐỘNG" in html
    assert 'lang="vi"' in html
