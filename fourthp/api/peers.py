"""API endpoints for the peer finder, mounted on the one API in `fourthp.api.api`."""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from fourthp.api.common import ERRORS, caller
from fourthp.jurisdictions.queries import find_jurisdiction
from fourthp.peers.queries import PEERS_SHOWN, find_peers, provision_by_slug, ranking_sentence, reference_jurisdiction
from fourthp.peers.schemas import PeerFinderOut

router = Router(tags=["peers"])


@router.get("/peers", response={200: PeerFinderOut, **ERRORS}, url_name="api-peers-list")
def peers_list(request: HttpRequest, provision: str, jurisdiction: str = "", limit: int = PEERS_SHOWN) -> Any:
    """Who has done a provision (published full) and who shares the gap (absent or partial), with their evidence.

    Ranked against `jurisdiction` (or the caller's profile jurisdiction): same region, legal tradition and level
    first; each list holds the `limit` most alike (1 to 500), and `done_total` and `shares_gap_total` say how many
    there are. Members are listed only if they agreed to be contacted and show their name and jurisdiction to the caller.
    """
    user = caller(request)
    reference = find_jurisdiction(jurisdiction) if jurisdiction else reference_jurisdiction(user)
    limit = max(1, min(500, limit))
    finding = find_peers(provision_by_slug(provision), reference=reference, viewer=user, limit=limit)
    return PeerFinderOut.from_finding(finding, ranking_sentence(reference))
