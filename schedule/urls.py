from django.urls import path

from . import views

app_name = "schedule"

urlpatterns = [
    path("", views.week, name="week"),
    path("in/", views.print_week, name="print"),
    path("lich.ics", views.feed, name="feed"),
]
