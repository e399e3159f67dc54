from django.urls import path

from countries import views

app_name = "countries"

urlpatterns = [
    path("countries/", views.country_list, name="list"),
    path("countries/export.csv", views.country_export, {"fmt": "csv"}, name="export-csv"),
    path("countries/export.xlsx", views.country_export, {"fmt": "xlsx"}, name="export-xlsx"),
    path("countries/lookup.json", views.country_lookup, name="lookup"),
    path("countries/<str:iso3>/", views.country_detail, name="detail"),
]
