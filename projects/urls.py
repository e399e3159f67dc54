from django.urls import path

from projects import list_views, views

app_name = "projects"

report = "projects/<slug:slug>/reports/<int:report_id>/"

urlpatterns = [
    path("my-projects/", views.my_projects, name="my-projects"),
    path("reviews/", views.review_queue, name="reviews"),
    # The portfolio list and its exports (projects/list_views.py), with the same query parameters.
    path("projects/", list_views.project_list, name="list"),
    path("projects/export.csv", list_views.project_export, {"fmt": "csv"}, name="export-csv"),
    path("projects/export.xlsx", list_views.project_export, {"fmt": "xlsx"}, name="export-xlsx"),
    path("projects/<slug:slug>/", views.project_detail, name="detail"),
    path("projects/<slug:slug>/status/", views.project_status, name="status"),
    path("projects/<slug:slug>/narrative/", views.project_narrative, name="narrative"),
    path(report, views.report_detail, name="report"),
    path(f"{report}save/", views.report_save_view, name="report-save"),
    path(f"{report}review/", views.report_review_view, name="report-review"),
    path(f"{report}evidence/", views.evidence_upload, name="evidence-upload"),
    path(f"{report}evidence/<int:evidence_id>/", views.evidence_download, name="evidence"),
]
