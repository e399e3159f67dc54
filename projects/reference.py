"""Project classifications, loaded by a data migration: (code, name[, article, description])."""

INTERVENTION_TYPES = [
    ("direct-action", "Direct Action"),
    (
        "legislation-policy",
        "Legislation & Policy Development (including statistical surveys, rapid assessments, baselines)",
    ),
    ("advocacy-awareness", "Advocacy & Awareness Raising"),
    ("institutional-development", "Institutional Development"),
    ("social-services", "Social Services, Livelihood Schemes and Poverty Alleviation"),
]

# The worst forms of child labour of C182 Art. 3, with 3(a) in its four named practices,
# and forced labour of adults, which IPEC+ addresses too.
WORST_FORMS = [
    ("trafficking", "Sale and trafficking of children", "C182 Art. 3(a)", "Slavery and practices similar to slavery."),
    ("debt-bondage", "Debt bondage and serfdom", "C182 Art. 3(a)", "Slavery and practices similar to slavery."),
    ("forced-labour-children", "Forced or compulsory labour of children", "C182 Art. 3(a)", ""),
    ("armed-conflict", "Forced or compulsory recruitment of children for armed conflict", "C182 Art. 3(a)", ""),
    (
        "commercial-sexual-exploitation",
        "Commercial sexual exploitation of children",
        "C182 Art. 3(b)",
        "Use, procuring or offering of a child for prostitution or pornography.",
    ),
    (
        "illicit-activities",
        "Illicit activities, in particular drug production and trafficking",
        "C182 Art. 3(c)",
        "",
    ),
    (
        "hazardous-work",
        "Hazardous work",
        "C182 Art. 3(d)",
        "Work likely to harm the health, safety or morals of children.",
    ),
    ("adult-forced-labour", "Forced labour of adults", "C29 / P29", "Addressed by IPEC+."),
]

SECTORS = [
    ("agriculture", "Agriculture"),
    ("domestic-work", "Domestic work"),
    ("mining-quarrying", "Mining and quarrying"),
    ("fishing", "Fishing and aquaculture"),
    ("manufacturing", "Manufacturing"),
    ("construction", "Construction"),
    ("street-work", "Street work"),
    ("scavenging", "Scavenging"),
    ("portering", "Portering"),
    ("services", "Services"),
]

TARGET_GROUPS = [
    ("very-young-children", "Very young children (under 12)"),
    ("girls", "Girls"),
    ("hidden-work", "Children in hidden work"),
    ("special-needs", "Children with special needs"),
    ("families", "Families of working children"),
]
