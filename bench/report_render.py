"""Evaluation report rendering against WeasyPrint's own speed, in the same process and run.

`python -m bench.report_render OUT.json` (environment from bench.config.django_env):

* the real report: the richest evaluation of bench.pages (most findings, recommendations and
  lessons), drawn the way the worker draws it — its presenter reads the evaluation, then
  evaluations.reports.render_to_pdf renders the template and WeasyPrint draws the PDF;
* the yardstick: WeasyPrint drawing a plain HTML document of paragraphs (no stylesheet of ours),
  grown until it has the same number of pages.

Runs alternate (real, plain, real, plain…) after one warm-up of each, so a noisy neighbour
slows both alike; the figure compared is the median time per page.
"""

from __future__ import annotations

import io
import json
import sys
import time

from bench.stats import median

PARAGRAPH = (
    "Paragraph {n}. The project worked with labour inspectors, employers' and workers' organisations and "
    "community groups to withdraw children from hazardous work and to keep them in school; the evaluation "
    "found that the referral system reached most of the families it targeted, and that local authorities "
    "took over the monitoring when the project ended. "
)


def plain_html(paragraphs: int) -> str:
    body = "".join(f"<p>{PARAGRAPH.format(n=n) * 2}</p>" for n in range(paragraphs))
    return f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Plain</title></head><body>{body}</body></html>"


def _plain_pages(paragraphs: int) -> int:
    from weasyprint import HTML

    return len(HTML(string=plain_html(paragraphs)).render().pages)


def plain_paragraphs_for(pages: int, count_pages=_plain_pages) -> int:
    """The fewest paragraphs whose plain document has at least `pages` pages (a binary search)."""
    high = 1
    while count_pages(high) < pages:
        high *= 2
    low = high // 2 + 1 if high > 1 else 1
    while low < high:
        middle = (low + high) // 2
        if count_pages(middle) >= pages:
            high = middle
        else:
            low = middle + 1
    return high


def _render_real(evaluation) -> tuple[float, int]:
    from django.utils import translation
    from pypdf import PdfReader

    from evaluations import reports

    started = time.perf_counter()
    presenter = reports.ReportPresenter.for_evaluation(evaluation)
    with translation.override(presenter.language):
        _html, pdf = reports.render_to_pdf(reports.TEMPLATE, presenter.context())
    seconds = time.perf_counter() - started
    return seconds, len(PdfReader(io.BytesIO(pdf)).pages)


def _render_plain(html: str) -> tuple[float, int]:
    from weasyprint import HTML

    started = time.perf_counter()
    document = HTML(string=html).render()
    document.write_pdf()
    return time.perf_counter() - started, len(document.pages)


def measure_reports(runs: int) -> dict:
    from bench.pages import choose_objects

    evaluation = choose_objects().evaluation
    _, pages = _render_real(evaluation)  # warm-up: fonts, templates, the stylesheet
    paragraphs = plain_paragraphs_for(pages)
    html = plain_html(paragraphs)
    _, plain_pages = _render_plain(html)
    real_times, plain_times = [], []
    for _ in range(runs):
        seconds, real_pages = _render_real(evaluation)
        real_times.append(seconds)
        seconds, plain_pages = _render_plain(html)
        plain_times.append(seconds)
    real_per_page = median(real_times) / real_pages
    plain_per_page = median(plain_times) / plain_pages
    return {
        "evaluation": evaluation.pk,
        "runs": runs,
        "report_pages": real_pages,
        "plain_pages": plain_pages,
        "plain_paragraphs": paragraphs,
        "report_seconds_median": round(median(real_times), 3),
        "plain_seconds_median": round(median(plain_times), 3),
        "report_seconds_per_page": round(real_per_page, 4),
        "plain_seconds_per_page": round(plain_per_page, 4),
        "ratio": round(real_per_page / plain_per_page, 2),
    }


def main(argv: list[str]) -> int:
    import django

    django.setup()
    runs = int(argv[2]) if len(argv) > 2 else 5
    with open(argv[1], "w") as out:
        json.dump(measure_reports(runs), out, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
