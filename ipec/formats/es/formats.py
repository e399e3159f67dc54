# "15 de marzo de 2024"; in tables the numeric day (15/03/2024), as Spanish abbreviations would be capitalised.
DATE_FORMAT = r"j \d\e F \d\e Y"
SHORT_DAY_FORMAT = "d/m/Y"
SHORT_DAY_TIME_FORMAT = "d/m/Y, H:i"
SHORT_MONTH_FORMAT = "F Y"
