from django.urls import path

from . import feeds, views

app_name = "documents"

urlpatterns = [
    path("", views.register, name="register"),
    path("rss/", feeds.NewDocumentsFeed(), name="rss"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/in/", views.print_view, name="print"),
    path("<slug:slug>/tep/<int:pk>/<str:filename>", views.download, name="file"),
]
