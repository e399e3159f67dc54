from django.urls import path

from partners import directory, views

app_name = "partners"

urlpatterns = [
    # The partner directory (partners/directory.py), with its exports and the filters' suggestions.
    path("partners/", directory.partner_list, name="list"),
    path("partners/export.csv", directory.partner_export, {"fmt": "csv"}, name="export-csv"),
    path("partners/export.xlsx", directory.partner_export, {"fmt": "xlsx"}, name="export-xlsx"),
    path("partners/lookup.json", directory.partner_lookup, name="lookup"),
    path("partners/<int:pk>/", directory.partner_detail, name="detail"),
    path("committees/<int:pk>/", views.committee_detail, name="committee"),
    path("committees/<int:pk>/meetings/new/", views.meeting_new, name="meeting-new"),
    path("committees/<int:pk>/meetings/<int:meeting_id>/minutes/", views.meeting_minutes, name="meeting-minutes"),
]
