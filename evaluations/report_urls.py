from django.urls import path

from evaluations import report_views

app_name = "evaluation_reports"

urlpatterns = [
    path("evaluations/<int:evaluation_id>/report.pdf", report_views.report_pdf, name="pdf"),
    path("evaluations/<int:evaluation_id>/report/", report_views.report_page, name="page"),
    path("evaluations/<int:evaluation_id>/report/status.json", report_views.report_status, name="status"),
    path("evaluations/<int:evaluation_id>/report/preview/", report_views.report_preview, name="preview"),
]
