"""The twelve month names, kept in the project's own catalogues.

Dates take their month names from Django's catalogues, except where the project's own catalogue,
read first, gives one. Django's Romanian catalogue capitalises the months ("22 Noiembrie 2026"),
which Romanian writes in lower case ("22 noiembrie 2026"); marking the names here keeps them in every
catalogue of the project, where the Romanian ones are written as the language writes them and the
others as Django's own catalogues give them.
"""

from django.utils.translation import gettext_noop

MONTHS = (
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
)
