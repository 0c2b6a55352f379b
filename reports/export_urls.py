from django.urls import path

from . import export_views

# Included from reports/urls.py, inside the "reports" namespace.
urlpatterns = [
    path("<int:campaign_id>/pdf/", export_views.export_request, name="export_request"),
    path("exports/<uuid:job_id>/", export_views.export_status, name="export_status"),
    path(
        "exports/<uuid:job_id>/status.json",
        export_views.export_status_json,
        name="export_status_json",
    ),
    path("exports/<uuid:job_id>/download/", export_views.export_download, name="export_download"),
]
