from __future__ import annotations

from django_tasks import task

from fourthp.analysis.actions import do_run_analysis


@task()
def run_analysis(run_id: int) -> str:
    """Analyse a large document in the task worker; the page shows the progress it stores."""
    run = do_run_analysis(run_id)
    return run.state if run is not None else "missing"
