"""The demo portfolio of `manage.py seed_demo`.

- `data` and `texts` hold the hand-written facts: countries where IPEC operates, ratifications,
  donors, partners, people, flagship projects and the wording of evaluations and committees.
- `plan` turns them into a deterministic plan of the portfolio (the same every run): pure
  Python, no database.
- `build` writes the plan through the apps' write services (the ordinary demo, ~150 projects),
  so every rule of the product is checked; `bulk` writes a plan of any size with `bulk_create`
  (benchmarks, `--projects N`).
"""
