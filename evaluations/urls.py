from django.urls import path

from evaluations import views

app_name = "evaluations"

evaluation = "evaluations/<int:pk>/"

urlpatterns = [
    path("evaluations/", views.evaluation_list, name="list"),
    path(evaluation, views.evaluation_detail, name="detail"),
    path(f"{evaluation}texts/", views.evaluation_texts, name="texts"),
    path(f"{evaluation}findings/<slug:criterion>/", views.finding_edit, name="finding"),
    path(f"{evaluation}recommendations/new/", views.recommendation_new, name="recommendation-new"),
    path(
        f"{evaluation}recommendations/<int:number>/response/",
        views.recommendation_response,
        name="recommendation-response",
    ),
    path(f"{evaluation}lessons/new/", views.lesson_new, name="lesson-new"),
    path(f"{evaluation}good-practices/new/", views.good_practice_new, name="good-practice-new"),
    path(f"{evaluation}advance/", views.evaluation_advance_view, name="advance"),
    path("lessons/", views.lesson_library, name="lessons"),
    path("lessons/export.csv", views.lesson_export, name="lessons-export"),
]
