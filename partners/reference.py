"""Partner types, loaded by a data migration. Codes are stable; the tripartite ones are named in models."""

from django.utils.translation import gettext_noop

PARTNER_TYPES = [
    ("government", gettext_noop("Government ministry or agency")),
    ("employers", gettext_noop("Employers' organisation")),
    ("workers", gettext_noop("Workers' organisation")),
    ("international", gettext_noop("International or UN agency")),
    ("donor-agency", gettext_noop("Donor agency")),
    ("private-business", gettext_noop("Private business")),
    ("ngo", gettext_noop("Non-governmental organisation")),
    ("cbo", gettext_noop("Community-based organisation")),
    ("media", gettext_noop("Media")),
    ("parliament", gettext_noop("Parliament")),
    ("judiciary", gettext_noop("Judiciary")),
    ("research", gettext_noop("University or research institution")),
    ("religious", gettext_noop("Religious group")),
    ("other", gettext_noop("Other")),
]
