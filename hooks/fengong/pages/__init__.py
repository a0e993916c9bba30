"""The pages side: a loaded Site → what readers get: the pages (render.py, views/,
templates/, charts/), the downloads, the search index, QR codes and the theme.

May import the root's shared words (model, ledger, mentions, …); never importer/ or data/:
the pages read the Site, never the data files.
"""
