"""API endpoints for working groups, mounted on the one API in `fourthp.api.api`."""

from ninja import Router

router = Router(tags=["working groups"])
