"""Stage 3, site: view models (views/), their rendering with the Jinja templates (templates/),
the charts and the security headers. Imports from data, format and publish only."""
