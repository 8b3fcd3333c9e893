from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("", views.catalog, name="catalog"),
    path("mine/", views.my_learning, name="mine"),
    path("<slug:course_slug>/", views.course, name="course"),
    path("<slug:course_slug>/my-plan/", views.conversation_plan, name="plan"),
    path("<slug:course_slug>/my-plan.pdf", views.conversation_plan_pdf, name="plan_pdf"),
    path("<slug:course_slug>/<slug:module_slug>/<slug:lesson_slug>/", views.lesson, name="lesson"),
]
