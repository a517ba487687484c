"""The core's pages, one module per feature; the URLconf imports them by module.

- ``plans``: the dashboard, a plan's page, a book read as one page;
- ``editor``: the chapter editor (text, images, Word import, add, delete, move);
- ``history``: a record's revisions, comparing and restoring them;
- ``agencies``: the region's agencies (OPD);
- ``profile``: the user's roles and API token.
"""
