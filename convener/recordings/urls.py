from django.urls import path

from . import views

app_name = "recordings"

urlpatterns = [
    path("", views.index, name="index"),
    # Live sessions ("live" is a reserved recording slug, so these never hide a recording).
    path("live/", views.sessions, name="sessions"),
    path("live/<int:pk>/", views.session, name="session"),
    path("live/<int:pk>.ics", views.session_ics, name="session_ics"),
    path("live/<int:pk>/register/", views.register, name="register"),
    path("live/<int:pk>/access-needs/", views.update_needs, name="update_needs"),
    path("live/<int:pk>/cancel/", views.cancel, name="cancel"),
    path("live/calendar/", views.my_calendar, name="my_calendar"),
    path("live/calendar/reset/", views.reset_calendar, name="reset_calendar"),
    path("live/feed/<str:token>.ics", views.feed, name="feed"),
    path("live/manage/", views.manage, name="manage"),
    path("live/manage/new/", views.schedule, name="schedule"),
    path("live/manage/<int:pk>/", views.manage_session, name="manage_session"),
    path("live/manage/<int:pk>/registrations/", views.registrations, name="registrations"),
    path("live/manage/<int:pk>/attendance/", views.attendance, name="attendance"),
    path("live/manage/<int:pk>/recording/", views.attach_recording, name="attach_recording"),
    path("<slug:slug>/", views.recording, name="recording"),
]
