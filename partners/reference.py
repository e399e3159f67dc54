"""Partner types, loaded by a data migration. Codes are stable; the tripartite ones are named in models."""

PARTNER_TYPES = [
    ("government", "Government ministry or agency"),
    ("employers", "Employers' organisation"),
    ("workers", "Workers' organisation"),
    ("international", "International or UN agency"),
    ("donor-agency", "Donor agency"),
    ("private-business", "Private business"),
    ("ngo", "Non-governmental organisation"),
    ("cbo", "Community-based organisation"),
    ("media", "Media"),
    ("parliament", "Parliament"),
    ("judiciary", "Judiciary"),
    ("research", "University or research institution"),
    ("religious", "Religious group"),
    ("other", "Other"),
]
