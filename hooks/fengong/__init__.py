"""fengong, the engine: a 任务分工 notice from its source text to the pages of a MkDocs site.

Data flows one way: importer/ (sources and returned ledgers → data files) → data/ (data
files → records → checks → the Site) → pages/ (the Site → pages, downloads, charts, search).
Here at the root, the words every side shares: model.py (the Site and its parts, frozen
dataclasses), problems.py, numerals.py, textnorm.py, mentions.py (dates and duties found in
the notice's sentences) and ledger.py (the words a returned ledger is written and read by).
The root modules import only one another, never a side (.importlinter says so by package).
"""
