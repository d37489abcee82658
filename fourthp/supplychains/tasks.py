from __future__ import annotations

from django_tasks import task

from fourthp.supplychains.running import do_run_screen


@task()
def run_screen(screen_id: int) -> str:
    """Screen a large procurement file in the task worker; the page shows the progress it stores."""
    screen = do_run_screen(screen_id)
    return screen.state if screen is not None else "missing"
