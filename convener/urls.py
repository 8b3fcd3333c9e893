from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from convener.lib import media
from convener.search import views as search_views

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("learn/", include("convener.courses.urls")),
    path("certificates/", include("convener.certificates.urls")),
    path("guide/", include("convener.guide.urls")),
    path("search/", search_views.results, name="search"),
    path("recordings/", include("convener.recordings.urls")),
    path("methods/", include("convener.methods.urls")),
    path("plan/", include("convener.conversations.urls")),
    path("skills/", include("convener.assessment.urls")),
    path("reports/", include("convener.reports.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("account/", include("convener.accounts.urls")),
    # The admin signs in through the throttled sign-in page, not its own form.
    path("admin/login/", RedirectView.as_view(pattern_name="accounts:sign_in", query_string=True)),
    path("admin/", admin.site.urls),
    # Media from the storage: everything on local disk (a reverse proxy may serve MEDIA_ROOT instead);
    # on S3, pages link images and videos to the bucket, and captions here, as a <track> needs.
    re_path(r"^media/(?P<path>.+)$", media.serve, name="media"),
]

admin.site.site_header = admin.site.site_title = "Convener administration"
admin.site.index_title = "Content, people and reports"

if settings.CONVENER_BENCH:
    urlpatterns.append(path("bench/bare", views.bare))

handler400 = "convener.views.bad_request"
handler403 = "convener.views.permission_denied"
handler404 = "convener.views.page_not_found"
