"""Who may use the analyzer, see a run, draft from it and start it again: each predicate for every example
user, the list of runs against the predicate, and what each role is shown on a run's page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from fourthp import testing
from fourthp.accounts.access import Viewer
from fourthp.accounts.models import User
from fourthp.analysis.access import can_draft_from_run, can_retry_run, can_see_run, can_use_analyzer
from fourthp.analysis.models import AnalysisRun
from fourthp.analysis.queries import recent_runs

pytestmark = pytest.mark.django_db


# For each example user (by name): may use the analyzer, see the owner's run, draft from it, retry it.
EXPECTED: dict[str, tuple[bool, bool, bool, bool]] = {
    "visitor": (False, False, False, False),
    "member": (False, False, False, False),
    "legislator": (False, False, False, False),
    "staff": (False, False, False, False),
    "student": (False, False, False, False),
    "owner": (True, True, True, True),
    "other analyst": (True, False, False, False),
    "reviewer": (True, False, False, False),
    "secretariat": (True, True, True, False),
}


def example_users() -> dict[str, Viewer]:
    """The shared example users, the analyst being the owner of the run, and a second analyst."""
    users = testing.example_users()
    users["owner"] = users.pop("analyst")
    users["other analyst"] = testing.make_analyst()
    return users


def a_run(owner: User, **fields: Any) -> AnalysisRun:
    return AnalysisRun.objects.create(created_by=owner, text="Section 1. Text\nA law.\n", **fields)


def test_each_predicate_answers_as_the_rules_say_for_every_example_user() -> None:
    users = example_users()
    owner = users["owner"]
    assert isinstance(owner, User)
    run = a_run(owner, state=AnalysisRun.State.FAILED)
    answers = {
        name: (can_use_analyzer(user), can_see_run(user, run), can_draft_from_run(user, run), can_retry_run(user, run))
        for name, user in users.items()
    }
    assert answers == EXPECTED


def test_a_reviewer_sees_her_own_run_but_may_not_draft_from_it() -> None:
    reviewer = testing.make_reviewer()
    run = a_run(reviewer)
    assert can_see_run(reviewer, run) and can_retry_run(reviewer, run)
    assert not can_draft_from_run(reviewer, run)


def test_the_runs_listed_for_each_example_user_are_runs_the_predicate_lets_her_see() -> None:
    users = example_users()
    runs = [a_run(user) for user in users.values() if isinstance(user, User) and can_use_analyzer(user)]
    for name, user in users.items():
        listed = {run.pk for run in recent_runs(user)} if isinstance(user, User) else set()
        assert all(can_see_run(user, AnalysisRun.objects.get(pk=pk)) for pk in listed), name
        # The start page lists one's own runs: every run she started, none of anyone else's.
        own = {run.pk for run in runs if run.created_by_id == user.pk}
        assert listed == own, name


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page_of(user: User, run: AnalysisRun) -> Any:
    return logged_in(user).get(run.get_absolute_url())


@pytest.fixture
def atlas_run(seeded: None) -> tuple[User, AnalysisRun]:
    owner = testing.make_analyst()
    logged_in(owner).post(reverse("analysis-start"), {"instrument": "us-dc-22-18a"})
    run = AnalysisRun.objects.get()
    assert run.state == AnalysisRun.State.DONE
    return owner, run


def test_the_draft_buttons_show_for_those_who_may_draft_and_another_analysts_run_is_not_found(
    atlas_run: tuple[User, AnalysisRun],
) -> None:
    owner, run = atlas_run
    draft = reverse("analysis-draft", args=[run.pk])
    for user in (owner, testing.make_secretariat()):
        response = page_of(user, run)
        assert response.status_code == 200 and "<mark>" in response.text
        assert draft in response.text, user.username
    # A colleague is not told the run exists: the same 404 page as for a missing number.
    for user in (testing.make_analyst(), testing.make_reviewer()):
        response = page_of(user, run)
        assert response.status_code == 404
        assert f"There is no analysis number {run.pk}." in response.text
        assert draft not in response.text
    missing = logged_in(testing.make_analyst()).get(reverse("analysis-detail", args=[run.pk + 1]))
    assert missing.status_code == 404 and f"There is no analysis number {run.pk + 1}." in missing.text


def test_a_reviewer_on_her_own_atlas_run_sees_the_suggestions_without_draft_buttons(seeded: None) -> None:
    reviewer = testing.make_reviewer()
    client = logged_in(reviewer)
    client.post(reverse("analysis-start"), {"instrument": "us-dc-22-18a"})
    run = AnalysisRun.objects.get()
    page = client.get(run.get_absolute_url()).text
    assert "<mark>" in page
    assert reverse("analysis-draft", args=[run.pk]) not in page


def test_the_retry_button_shows_for_the_owner_of_a_failed_run_not_for_the_secretariat_reading_it() -> None:
    owner = testing.make_analyst()
    run = a_run(owner, state=AnalysisRun.State.FAILED, error="The worker stopped.")
    retry = reverse("analysis-retry", args=[run.pk])
    assert retry in page_of(owner, run).text
    secretariat = testing.make_secretariat()
    response = page_of(secretariat, run)
    assert response.status_code == 200 and "The worker stopped." in response.text
    assert retry not in response.text
    assert logged_in(secretariat).post(retry).status_code == 403
    assert logged_in(testing.make_analyst()).post(retry).status_code == 404
    assert AnalysisRun.objects.count() == 1
