"""The public site, independent of any site engine: the page model, the fact sheet, facets, charts, Markdown, structured data and the Jinja2 templates."""
