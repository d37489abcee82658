"""Fourth P: partnership in anti-trafficking policy.

This package root imports nothing from Django, so that the pure libraries
(`fourthp.analyzer`, `fourthp.lib`) can be used without it.
"""

__version__ = "0.1.0"
