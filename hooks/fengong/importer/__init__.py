"""The importer: a notice's source (text, Word, PDF) and the ledgers units return → the data
files in data/, written all or none; and the reports the office's tools print.

Sits on top: may import data/ (to check what it wrote) and pages/export (the notice as JSON
for --json); nothing imports it but the scripts.
"""
