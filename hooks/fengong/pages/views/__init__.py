"""Views: for each kind of page, one function turning the model into the plain values its
template shows (render.py renders them). Templates display; every lookup, href, anchor,
date and count is decided here.

Each view takes the Site and the page's src_uri (links are relative to the page) and
returns a frozen dataclass whose fields are the template's names.
"""
