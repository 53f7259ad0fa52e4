"""Query analysis: what a question asks, in structured form (service.analysis.query.Query)."""
