"""`fazhi serve`: the supervisor's desk in a browser — upload, list, review, correct, send.

A thin adapter like the CLI (style point 12): it calls the same pipeline
(:mod:`scorer.pipeline`), the same scoring (:func:`scorer.score.rescore` for reviewed
statuses) and the same renderers (:mod:`scorer.render.html_report`, :mod:`scorer.render.memo`),
and keeps the same SQLite history as `fazhi batch` (:mod:`scorer.store`). Nothing here
scores or decides a status.

- ``app``: the Starlette application, its routes and the page view-models;
- ``guard``: what keeps it safe — access token, CSRF, body size limit, security headers;
- ``jobs``: uploaded files scored in worker processes, off the event loop.

Only ``app`` imports Starlette; the rest of fazhi never imports this package.
"""
