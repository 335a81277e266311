"""The workbench: HTML pages over the store and the corpus views, served beside the JSON API.

`pages` and `corpus_pages` hold the pages, `install.install_web(app)` mounts them on the
API's app; `highlight`, `charts`, `layout`, `geo` and `data` shape what they show.
"""
