"""Date formats per interface language, on top of Django's own locale formats.

Only what differs from Django is set here: date-times carry their time zone (events and records
are read across zones), and English dates read day first ("22 November 2026") as the site always
has. Everything else (month names, word order, short dates) is Django's locale data.
"""
