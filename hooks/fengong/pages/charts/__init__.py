"""The workbench's charts, laid out at build time as inline SVG: tasks per unit (bars),
units × parts (matrix) and the dated items on a month axis (timeline).

Python lays out: every coordinate, label and link is decided in these modules, and the
templates in templates/charts/ only draw. Generated pages bypass Markdown, so MkDocs
neither rewrites nor validates their links: they are computed with paths.href() as the
browser resolves them.
"""
