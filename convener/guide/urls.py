from django.urls import path

from . import views

app_name = "guide"

urlpatterns = [
    path("", views.index, name="index"),
    path("leading-conversations.pdf", views.pdf, name="pdf"),
    path("<slug:slug>/", views.section, name="section"),
]
