"""The views suite's project fixtures, for the pages of tests/i18n that show a form: an active project and its reports."""

from tests.views.conftest import active_project, first_report, officer, submitted_report  # noqa: F401
