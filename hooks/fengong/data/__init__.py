"""The data side: data/ as files → records → checks → the Site (load.load_site, the one
entry point for the hooks and the scripts).

May import the root's shared words (model, problems, textnorm, …); never importer/ or pages/.
"""
