from django.urls import path

from . import feeds, views

app_name = "campaigns"

urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("rss/", feeds.CampaignFeed(), name="rss"),
    path("<slug:slug>/", views.campaign_detail, name="detail"),
]
