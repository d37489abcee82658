from __future__ import annotations

from django_tasks import task

from fourthp.analysis.models import AnalysisRun
from fourthp.analysis.queries import ANALYSIS_TASK_BACKEND
from fourthp.analysis.running import do_read_upload, do_run_analysis


@task(backend=ANALYSIS_TASK_BACKEND)
def run_analysis(run_id: int) -> str:
    """Analyse a large document in the task worker; the page shows the progress it stores."""
    run = do_run_analysis(run_id)
    return run.state if run is not None else "missing"


@task(backend=ANALYSIS_TASK_BACKEND)
def read_and_analyse_upload(run_id: int, stored: str) -> str:
    """Read a large uploaded PDF in the task worker (in a limited child process), then analyse it."""
    run = do_read_upload(run_id, stored)
    if run is None:
        return "missing"
    if run.state != AnalysisRun.State.QUEUED:
        return run.state
    return run_analysis.call(run_id)
