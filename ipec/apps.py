from django.contrib.admin.apps import AdminConfig


class IPECAdminConfig(AdminConfig):
    """Django's admin app, with our site as the default one that @admin.register uses.

    It is also the project package's one AppConfig, so its ready() wires what belongs to no single
    app: the dashboard's cache forgets its figures whenever a row behind them changes.
    """

    default_site = "ipec.admin_site.IPECAdminSite"

    def ready(self) -> None:
        super().ready()
        from ipec import dashboard

        dashboard.connect_signals()
