from django.urls import path

from . import views

app_name = "certificates"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("claim/<slug:course_slug>/", views.claim, name="claim"),
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/<str:code>/", views.verify, name="verify"),
    path("issuer", views.issuer, name="issuer"),
    path("achievements/<slug:course_slug>", views.achievement, name="achievement"),
    path("jwks.json", views.jwks, name="jwks"),
    path("keys/<str:name>", views.key, name="key"),
    path("revocations", views.revocations, name="revocations"),
    path("manage/", views.manage, name="manage"),
    path("manage/<str:code>/", views.manage_one, name="manage_one"),
    path("<str:code>.pdf", views.pdf, name="pdf"),
    path("<str:code>.jwt", views.badge, name="badge"),
]
