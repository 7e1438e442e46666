"""The pages: view models (views/), their rendering with the Jinja templates (templates/),
the charts, embeds, preview cards and the security headers. Imports from publish, data and
format only."""
