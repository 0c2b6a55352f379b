from django.urls import path

from . import views

app_name = "questionnaire"
urlpatterns = [
    path("", views.home, name="home"),
    path("i/<str:token>/", views.invitation_answer, name="invitation"),
    path("c/<str:key>/", views.open_link_answer, name="open_link"),
    path("result/<str:result_key>/", views.result, name="result"),
    path("privacy/<int:campaign_id>/", views.privacy, name="privacy"),
]
