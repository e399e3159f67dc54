import pytest

from accounts.models import Role, User
from tests.factories import UserFactory

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
