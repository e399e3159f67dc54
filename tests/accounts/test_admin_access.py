import pytest

from accounts.models import Role, User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [Role.CTA, Role.EVALUATOR, Role.VIEWER])
def test_only_hq_reaches_the_admin(client, role):
    # Even a flag set by hand does not open the admin: the role decides.
    user = UserFactory(role=role, is_superuser=True)
    assert not user.is_staff
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_hq_reaches_the_admin_without_being_superuser(client):
    user = UserFactory(role=Role.HQ)
    assert user.is_staff and not user.is_superuser
    client.force_login(user)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/projects/project/").status_code == 200


def test_createsuperuser_makes_hq_staff():
    user = User.objects.create_superuser("root", "root@example.org", "a-long-password-123")
    assert user.role == Role.HQ and user.is_staff


def test_anonymous_is_sent_to_admin_login(client):
    response = client.get("/admin/projects/project/")
    assert response.status_code == 302


# Every role but HQ, the deactivated HQ account and the anonymous visitor, on the admin's pages and forms.
REFUSED = ["cta", "evaluator", "viewer", "inactive-hq", "anonymous"]
ADMIN_PAGES = ["/admin/", "/admin/projects/project/", "/admin/accounts/user/", "/admin/accounts/user/add/"]


def _user_for(kind: str) -> User | None:
    if kind == "anonymous":
        return None
    if kind == "inactive-hq":
        return UserFactory(role=Role.HQ, is_active=False)
    return UserFactory(role=kind, is_superuser=True)


@pytest.mark.parametrize("path", ADMIN_PAGES)
@pytest.mark.parametrize("kind", REFUSED)
def test_the_admin_refuses_everyone_but_active_hq_staff(client, kind, path):
    user = _user_for(kind)
    if user is not None:
        client.force_login(user)
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("kind", REFUSED)
def test_a_refused_user_cannot_create_a_user_through_the_admin(client, kind):
    user = _user_for(kind)
    if user is not None:
        client.force_login(user)
    count = User.objects.count()
    response = client.post(
        "/admin/accounts/user/add/",
        {"username": "intruder", "usable_password": "true", "password1": "x" * 20, "password2": "x" * 20},
    )
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert User.objects.count() == count


@pytest.mark.parametrize("kind", ["cta", "evaluator", "viewer", "inactive-hq"])
def test_the_admin_login_form_refuses_non_hq_credentials(client, kind):
    user = _user_for(kind)
    response = client.post("/admin/login/?next=/admin/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 200  # the form again, with its error
    assert client.get("/admin/").status_code == 302
