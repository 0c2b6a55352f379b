from django.urls import include, path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.campaign_list, name="campaign_list"),
    path("", include("reports.export_urls")),  # PDF exports: request, progress, download
    path("<int:campaign_id>/", views.campaign_dashboard, name="campaign_dashboard"),
    path(
        "<int:campaign_id>/questions/<int:question_id>/",
        views.question_detail,
        name="question_detail",
    ),
    path(
        "<int:campaign_id>/departments/<int:department_id>/",
        views.department_detail,
        name="department_detail",
    ),
    path("<int:campaign_id>/compare/", views.comparison, name="comparison"),
    path("<int:campaign_id>/comments/", views.comments, name="comments"),
    path("<int:campaign_id>/results.csv", views.export_csv, name="export_csv"),
    path("<int:campaign_id>/dashboard.json", views.dashboard_json, name="dashboard_json"),
]
