"""The web reader and the JSON API (FastAPI, server-rendered Jinja2, a little plain JavaScript).

    app.py    the application factory, the request-size guard and the Content-Security-Policy
    deps.py   what the routes are given: the store, the settings, the parsed-document cache
    pages.py  the HTML pages
    api.py    the JSON API under /api/v1, every answer described by a model in records.py
"""

from claimledger.web.app import app_from_environment, create_app

__all__ = ["app_from_environment", "create_app"]
