from django.urls import path, re_path

from . import views

app_name = "about"

urlpatterns = [
    path("gioi-thieu/", views.index, name="index"),
    # One to three slugs: /gioi-thieu/lich-su/, /gioi-thieu/ban-chap-hanh/ban-thuong-vu/.
    re_path(r"^gioi-thieu/(?P<path>[-a-z0-9]+(?:/[-a-z0-9]+){0,2})/$", views.page, name="page"),
    path("lien-he/", views.contact, name="contact"),
    path("en/", views.english, name="english"),
]
