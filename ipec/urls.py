from django.contrib import admin
from django.urls import include, path

from ipec.health import healthz
from ipec.views import dashboard

# Uploaded files (evidence, minutes, reports) are never served from MEDIA_URL, not even with
# DEBUG: each is streamed by a view that first asks accounts.policy whether the user may have it.
urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("accounts/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    # The language switcher (set_language): open to everyone, the login page included.
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("projects.urls")),
    path("", include("partners.urls")),
    path("", include("countries.urls")),
    path("", include("evaluations.urls")),
    path("", include("evaluations.report_urls")),
    path("", dashboard, name="home"),
]
