from django.urls import path

from . import feeds, views

app_name = "legal"

# The fixed pages before `<slug>/`; a Q&A may not take their slugs (Publication.clean).
urlpatterns = [
    path("", views.question_list, name="list"),
    path("gui-cau-hoi/", views.ask, name="ask"),
    path("gui-cau-hoi/da-gui/", views.ask_done, name="ask_done"),
    path("tra-cuu/", views.lookup, name="lookup"),
    path("rss/", feeds.PublicationFeed(), name="rss"),
    path("<slug:slug>/", views.question_detail, name="detail"),
]
