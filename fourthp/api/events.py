"""API endpoints for events, mounted on the one API in `fourthp.api.api`."""

from ninja import Router

router = Router(tags=["events"])
