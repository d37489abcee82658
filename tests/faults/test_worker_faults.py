"""Faults: a process killed with SIGKILL in the middle of its work, then the worker started again.

Each test stops a real process at a pause point (fourthp/lib/faults.py), kills
it, and checks what the database and the mail folder hold: nothing half
written, no message sent twice, every analyzer run finished or marked failed.
"""

from __future__ import annotations

from typing import Any

from tests.faults.conftest import Site

STOPPED = "The background worker stopped while reading this document. Nothing was saved from this run."


def test_a_worker_killed_during_an_analysis_is_replaced_and_the_run_finishes_once(site: Site) -> None:
    run = site.step("start_analysis", sections=60)["run"]
    worker = site.start_worker(pause_at="analysis.progress")
    assert site.wait_until_paused(worker) == "analysis.progress"
    site.kill(worker)
    state = site.step("run_state", run=run)
    assert state["state"] == "running" and 0 < state["done"] < 60 and state["result_sections"] is None

    # Nobody else is looking after it; once its heartbeat is old, the next worker requeues it at start.
    site.step("age_heartbeats")
    worker = site.start_worker()
    state = site.wait_for("the run to finish", lambda: _finished(site.step("run_state", run=run)))
    site.stop(worker)
    assert state["state"] == "done" and state["attempts"] == 2
    assert (state["done"], state["total"], state["result_sections"]) == (60, 60, 60)
    assert state["audit"] == ["analysis.requeued", "analysis.start"]


def test_a_worker_busy_on_one_long_section_keeps_its_run_alive(site: Site) -> None:
    run = site.step("start_analysis", sections=60)["run"]
    # Stopped in the middle of the analysis, as on one very long section: no progress is written.
    worker = site.start_worker(pause_at="analysis.progress", ANALYZER_STALE_SECONDS="4")
    site.wait_until_paused(worker)
    first = site.step("run_state", run=run)["heartbeat"]
    site.wait_for("a later heartbeat", lambda: site.step("run_state", run=run)["heartbeat"] > first)
    site.kill(worker)


def test_a_worker_already_running_takes_over_the_run_of_one_that_was_killed(site: Site) -> None:
    run = site.step("start_analysis", sections=60)["run"]
    first = site.start_worker(pause_at="analysis.progress")
    site.wait_until_paused(first)
    # A second worker, idle beside it, sweeps every second; the first one dies.
    second = site.start_worker(WORKER_SWEEP_SECONDS="1")
    site.wait_for("the second worker to start", lambda: "Starting worker" in site.log_of(second))
    site.kill(first)
    site.step("age_heartbeats")
    state = site.wait_for("the run to finish", lambda: _finished(site.step("run_state", run=run)))
    site.stop(second)
    assert state["state"] == "done" and state["attempts"] == 2 and state["result_sections"] == 60


def test_a_run_whose_worker_is_killed_twice_is_marked_failed_saying_so(site: Site) -> None:
    run = site.step("start_analysis", sections=60)["run"]
    for _attempt in (1, 2):
        worker = site.start_worker(pause_at="analysis.progress")
        site.wait_until_paused(worker)
        site.kill(worker)
        site.step("age_heartbeats")
    worker = site.start_worker()
    state = site.wait_for("the run to be given up", lambda: _finished(site.step("run_state", run=run)))
    site.stop(worker)
    assert state["state"] == "failed" and state["attempts"] == 2 and state["result_sections"] is None
    assert STOPPED in state["error"]
    assert state["audit"] == ["analysis.requeued", "analysis.start", "analysis.stopped"]


def test_a_worker_killed_during_an_email_batch_sends_each_message_once(site: Site) -> None:
    group = site.step("group_with_members", members=6)
    site.step("announce", group=group["group"])
    assert site.step("tasks") == {"send_email:READY": 6}
    worker = site.start_worker(pause_at="mail.sent:3")  # the third message is sent, its task not yet closed
    site.wait_until_paused(worker)
    site.kill(worker)
    assert sum(site.sent().values()) == 3

    worker = site.start_worker()
    site.wait_for("the batch to be sent", lambda: "send_email:READY" not in site.step("tasks"))
    site.stop(worker)
    sent = site.sent()
    assert sorted(sent) == group["recipients"] and set(sent.values()) == {1}
    # The message the killed worker had in hand was sent once and is never sent again.
    assert site.step("tasks") == {"send_email:SUCCESSFUL": 5, "send_email:RUNNING": 1}


def test_a_worker_killed_half_way_through_a_newsletter_resumes_and_sends_each_reader_one_copy(site: Site) -> None:
    sent = site.step("newsletter_to_list", recipients=30)
    assert sent["queued"] == 30
    # Batches of four: killed after the 14th message, in the middle of the fourth batch.
    worker = site.start_worker(pause_at="mailing.sent:14", MAILING_BATCH_SIZE="4")
    assert site.wait_until_paused(worker) == "mailing.sent"
    site.kill(worker)
    assert sum(site.sent().values()) == 14
    half = site.step("newsletter_state", newsletter=sent["newsletter"])
    assert half["newsletter"] == "sending" and half["deliveries"] == {"sent": 14, "queued": 16}

    worker = site.start_worker(MAILING_BATCH_SIZE="4")  # its start-up sweep takes the send up again
    state = site.wait_for(
        "the newsletter to be sent",
        lambda: (s := site.step("newsletter_state", newsletter=sent["newsletter"]))["newsletter"] == "sent" and s,
    )
    site.stop(worker)
    received = site.sent()
    assert sorted(received) == sent["recipients"] and set(received.values()) == {1}
    assert state["deliveries"] == {"sent": 30} and state["attempts"] == [1]


def test_a_process_killed_while_posting_an_announcement_leaves_neither_the_post_nor_its_emails(site: Site) -> None:
    group = site.step("group_with_members", members=5)
    poster = site.start_step("announce", pause_at="mail.queue:3", group=group["group"])
    site.wait_until_paused(poster)
    site.kill(poster)
    assert site.step("announcements", group=group["group"]) == {"announcements": 0, "audit": 0}
    assert site.step("tasks") == {}

    site.step("announce", group=group["group"])
    worker = site.start_worker()
    site.wait_for("the announcement to be sent", lambda: sum(site.sent().values()) >= 5)
    site.stop(worker)
    assert sorted(site.sent()) == group["recipients"] and set(site.sent().values()) == {1}


def test_a_worker_killed_while_sending_a_reminder_sends_it_once_after_a_restart(site: Site) -> None:
    reminder = site.step("reminder_due_soon")
    worker = site.start_worker(pause_at="mail.queue")
    site.wait_until_paused(worker)
    site.kill(worker)
    # Not marked as sent, since its message was never queued.
    assert site.step("registration", registration=reminder["registration"]) == {"reminded": False}

    worker = site.start_worker()  # its start-up sweep sends the reminders that are due
    site.wait_for("the reminder", lambda: site.sent())
    site.wait_for("the queue to empty", lambda: "send_email:READY" not in site.step("tasks"))
    site.stop(worker)
    assert site.sent() == {reminder["to"]: 1}
    assert site.step("registration", registration=reminder["registration"]) == {"reminded": True}


def test_a_process_killed_while_confirming_an_import_leaves_nothing_half_written(site: Site) -> None:
    staged = site.step("stage_import")
    assert staged["sections"] == 3
    confirming = site.start_step("confirm_import", pause_at="import.confirm", staged=staged["staged"])
    site.wait_until_paused(confirming)  # the instrument and its sections are written, not yet committed
    site.kill(confirming)
    before = {"instruments": 0, "sections": 0, "staged": "preview", "audit": 0}
    assert site.step("import_state", staged=staged["staged"]) == before

    site.step("confirm_import", staged=staged["staged"])
    after = {"instruments": 1, "sections": 3, "staged": "confirmed", "audit": 1}
    assert site.step("import_state", staged=staged["staged"]) == after


def test_the_worker_survives_a_database_outage_and_goes_on(site: Site) -> None:
    group = site.step("group_with_members", members=3)
    worker = site.start_worker()
    site.wait_for("the worker to start", lambda: "Starting worker" in site.log_of(worker))
    with site.outage():
        site.wait_for(
            "the worker to meet the outage", lambda: "The task worker lost the database" in site.log_of(worker)
        )
        assert worker.poll() is None
    site.step("announce", group=group["group"])
    site.wait_for("the announcement to be sent", lambda: sum(site.sent().values()) >= 3)
    site.stop(worker)
    assert sorted(site.sent()) == group["recipients"]


def _finished(state: dict[str, Any]) -> dict[str, Any] | None:
    return state if state["state"] in ("done", "failed") else None
