from django.urls import path

from . import views

app_name = "methods"

urlpatterns = [
    path("", views.index, name="index"),
    path("choose/", views.choose, name="choose"),
    path("compare/", views.compare, name="compare"),
    path("<slug:slug>/", views.method, name="method"),
]
