"""The demo portfolio of `manage.py seed_demo`.

- `data` and `texts` hold the hand-written facts: countries where IPEC operates, ratifications,
  donors, partners, people, flagship projects and the wording of evaluations, committees and
  progress reports.
- `plan` turns them into a deterministic plan of the portfolio (the same every run): pure
  Python, no database. Everything is dated as at `data.REFERENCE_DATE` except the progress
  reports, planned as at the day of the build, since the reporting schedule runs to that day.
- `build` writes the plan through the apps' write services (the ordinary demo, ~150 projects),
  so every rule of the product is checked; `bulk` writes a plan of any size with `bulk_create`
  (benchmarks, `--projects N`).
"""
