from django.urls import path

from . import views

app_name = "recordings"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.recording, name="recording"),
]
