"""The assessment pages, one module per page or group of pages; `fourthp.assessments.urls` routes to them."""

from fourthp.assessments.views.compare_page import compare
from fourthp.assessments.views.downloads import assessments_download, report_card_csv
from fourthp.assessments.views.maps_page import maps
from fourthp.assessments.views.methodology_page import methodology
from fourthp.assessments.views.report_cards import report_card, report_card_gaps, report_card_pdf
from fourthp.assessments.views.requests import (
    request_assessment,
    request_detail,
    request_file,
    request_queue,
    suggest_statute,
)
from fourthp.assessments.views.workflow import (
    assessment_approve,
    assessment_detail,
    assessment_edit,
    assessment_history,
    assessment_return,
    assessment_revise,
    assessment_start,
    assessment_submit,
    section_text,
    work,
)

__all__ = [
    "assessment_approve",
    "assessment_detail",
    "assessment_edit",
    "assessment_history",
    "assessment_return",
    "assessment_revise",
    "assessment_start",
    "assessment_submit",
    "assessments_download",
    "compare",
    "maps",
    "methodology",
    "report_card",
    "report_card_csv",
    "report_card_gaps",
    "report_card_pdf",
    "request_assessment",
    "request_detail",
    "request_file",
    "request_queue",
    "section_text",
    "suggest_statute",
    "work",
]
