from django.contrib.admin.apps import AdminConfig


class IPECAdminConfig(AdminConfig):
    """Django's admin app, with our site as the default one that @admin.register uses."""

    default_site = "ipec.admin_site.IPECAdminSite"
