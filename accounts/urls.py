from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts import policy
from accounts.forms import LoginForm


class LoginView(auth_views.LoginView):
    authentication_form = LoginForm

    def get_default_redirect_url(self) -> str:
        # Evaluators work only on their evaluations: that list is their home page.
        return "/" if policy.may_view_portfolio(self.request.user) else "/evaluations/"


urlpatterns = [
    path("login/", LoginView.as_view(), name="login"),
    path("", include("django.contrib.auth.urls")),
]
