"""Date formats per language (FORMAT_MODULE_PATH), on top of Django's own for each language.

Templates use the names, never the pattern: `{{ day|date:"SHORT_DAY_FORMAT" }}`. Besides
Django's DATE_FORMAT (the long date: "15 March 2024", "15 mars 2024") three names of our own:
a day in a table or a sentence, a day with its time, and a month. Each language module must
define every one of them: Django would otherwise use the name itself as the pattern.
"""
