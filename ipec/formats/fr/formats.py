# "15 mars 2024", "15 févr. 2024": month names in lower case, abbreviated with a full stop.
DATE_FORMAT = "j F Y"
SHORT_DAY_FORMAT = "j N Y"
SHORT_DAY_TIME_FORMAT = "j N Y, H:i"
SHORT_MONTH_FORMAT = "N Y"
