from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.campaign_list, name="campaign_list"),
]
