from django.urls import path

from . import views

app_name = "contests"

urlpatterns = [
    path("<slug:slug>/", views.contest_detail, name="detail"),
    path("<slug:slug>/dang-ky/", views.register, name="register"),
    path("<slug:slug>/dang-nhap/", views.login_view, name="login"),
    path("<slug:slug>/dang-xuat/", views.logout_view, name="logout"),
    path("<slug:slug>/cua-toi/", views.my_attempts, name="mine"),
    path("<slug:slug>/doi-mat-khau/", views.change_password, name="change_password"),
    path("<slug:slug>/dot/<int:round_id>/bat-dau/", views.start, name="start"),
    path("<slug:slug>/luot/<int:pk>/", views.attempt_view, name="attempt"),
    path("<slug:slug>/luot/<int:pk>/luu/", views.save_answer, name="save"),
]
