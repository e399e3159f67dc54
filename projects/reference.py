"""Project classifications, loaded by a data migration: (code, name[, article, description])."""

from django.utils.translation import gettext_noop

INTERVENTION_TYPES = [
    ("direct-action", gettext_noop("Direct Action")),
    (
        "legislation-policy",
        gettext_noop("Legislation & Policy Development (including statistical surveys, rapid assessments, baselines)"),
    ),
    ("advocacy-awareness", gettext_noop("Advocacy & Awareness Raising")),
    ("institutional-development", gettext_noop("Institutional Development")),
    ("social-services", gettext_noop("Social Services, Livelihood Schemes and Poverty Alleviation")),
]

# The worst forms of child labour of C182 Art. 3, with 3(a) in its four named practices,
# and forced labour of adults, which IPEC+ addresses too.
WORST_FORMS = [
    (
        "trafficking",
        gettext_noop("Sale and trafficking of children"),
        "C182 Art. 3(a)",
        "Slavery and practices similar to slavery.",
    ),
    (
        "debt-bondage",
        gettext_noop("Debt bondage and serfdom"),
        "C182 Art. 3(a)",
        "Slavery and practices similar to slavery.",
    ),
    ("forced-labour-children", gettext_noop("Forced or compulsory labour of children"), "C182 Art. 3(a)", ""),
    (
        "armed-conflict",
        gettext_noop("Forced or compulsory recruitment of children for armed conflict"),
        "C182 Art. 3(a)",
        "",
    ),
    (
        "commercial-sexual-exploitation",
        gettext_noop("Commercial sexual exploitation of children"),
        "C182 Art. 3(b)",
        "Use, procuring or offering of a child for prostitution or pornography.",
    ),
    (
        "illicit-activities",
        gettext_noop("Illicit activities, in particular drug production and trafficking"),
        "C182 Art. 3(c)",
        "",
    ),
    (
        "hazardous-work",
        gettext_noop("Hazardous work"),
        "C182 Art. 3(d)",
        "Work likely to harm the health, safety or morals of children.",
    ),
    ("adult-forced-labour", gettext_noop("Forced labour of adults"), "C29 / P29", "Addressed by IPEC+."),
]

SECTORS = [
    ("agriculture", gettext_noop("Agriculture")),
    ("domestic-work", gettext_noop("Domestic work")),
    ("mining-quarrying", gettext_noop("Mining and quarrying")),
    ("fishing", gettext_noop("Fishing and aquaculture")),
    ("manufacturing", gettext_noop("Manufacturing")),
    ("construction", gettext_noop("Construction")),
    ("street-work", gettext_noop("Street work")),
    ("scavenging", gettext_noop("Scavenging")),
    ("portering", gettext_noop("Portering")),
    ("services", gettext_noop("Services")),
]

TARGET_GROUPS = [
    ("very-young-children", gettext_noop("Very young children (under 12)")),
    ("girls", gettext_noop("Girls")),
    ("hidden-work", gettext_noop("Children in hidden work")),
    ("special-needs", gettext_noop("Children with special needs")),
    ("families", gettext_noop("Families of working children")),
]
