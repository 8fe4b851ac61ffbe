app_name = "banners"

urlpatterns = []
