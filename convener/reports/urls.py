from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("summary/", views.summary, name="summary"),
    path("summary.pdf", views.summary_pdf, name="summary_pdf"),
    path("<slug:table>.csv", views.export, name="export"),
]
