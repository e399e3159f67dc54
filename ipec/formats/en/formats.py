# English as IPEC writes it: day, month, year ("15 Mar 2024").
DATE_FORMAT = "j F Y"
SHORT_DAY_FORMAT = "j M Y"
SHORT_DAY_TIME_FORMAT = "j M Y, H:i"
SHORT_MONTH_FORMAT = "M Y"
