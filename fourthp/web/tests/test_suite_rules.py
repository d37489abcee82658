"""The test suite's own rules: a walk does not take a redirect for access, an empty parameter list fails."""

from __future__ import annotations

import pytest

from fourthp.testing import assert_access_walk, make_member, redirects_under

PREFERENCES = {"display_name": "Maria", "time_zone": "UTC"}


def test_an_empty_parameter_list_fails_the_run_instead_of_skipping(pytestconfig: pytest.Config) -> None:
    assert pytestconfig.getini("empty_parameter_set_mark") == "fail_at_collect"


@pytest.mark.django_db
def test_a_walk_fails_on_a_redirect_unless_the_step_says_where_it_goes() -> None:
    member = make_member()
    # Saving one's preferences answers with a redirect to the profile page.
    with pytest.raises(AssertionError, match="a redirect is access only with redirects_to"):
        assert_access_walk("/profile/", method="post", data=PREFERENCES, wrong=[], right=[member])
    with pytest.raises(AssertionError, match="not where the step says"):
        assert_access_walk("/profile/", method="post", data=PREFERENCES, wrong=[], right=[member], redirects_to="/")
    assert_access_walk("/profile/", method="post", data=PREFERENCES, wrong=[], right=[member], redirects_to="/profile/")
    assert_access_walk(
        "/profile/", method="post", data=PREFERENCES, wrong=[], right=[member], redirects_to=redirects_under("/profile")
    )


@pytest.mark.django_db
def test_a_walk_expecting_a_redirect_fails_on_a_page() -> None:
    with pytest.raises(AssertionError, match="expected a redirect"):
        assert_access_walk("/profile/", wrong=[], right=[make_member()], redirects_to="/profile/")
