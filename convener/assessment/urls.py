from django.urls import path

from . import views

app_name = "assessment"

urlpatterns = [
    path("", views.index, name="index"),
    path("questions/<int:number>/", views.question, name="question"),
    path("result/", views.result, name="result"),
    path("save/", views.save, name="save"),
    path("mine/", views.mine, name="mine"),
    path("mine/<int:pk>/", views.attempt, name="attempt"),
    path("mine/<int:pk>/delete/", views.delete, name="delete"),
]
