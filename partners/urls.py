from django.urls import path

from partners import views

app_name = "partners"

urlpatterns = [
    path("committees/<int:pk>/", views.committee_detail, name="committee"),
    path("committees/<int:pk>/meetings/new/", views.meeting_new, name="meeting-new"),
    path("committees/<int:pk>/meetings/<int:meeting_id>/minutes/", views.meeting_minutes, name="meeting-minutes"),
]
