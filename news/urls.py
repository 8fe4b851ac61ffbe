from django.urls import path

from . import feeds, views

app_name = "news"

urlpatterns = [
    path("", views.home, name="home"),
    path("chuyen-muc/<slug:slug>/", views.section, name="section"),
    path("chuyen-muc/<slug:slug>/rss/", feeds.SectionFeed(), name="section_feed"),
    path("bai-viet/<slug:slug>/", views.article, name="article"),
    path("bai-viet/<int:pk>/luot-xem/", views.count_view, name="count_view"),
    path("the/<slug:slug>/", views.tag, name="tag"),
    path("tim-kiem/", views.search, name="search"),
    path("rss/", feeds.LatestFeed(), name="feed"),
    path("rss/lien-doan/", feeds.NetworkFeed(), name="network_feed"),
]
