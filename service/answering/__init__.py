"""Answer extraction: the answering clause, its figures, and the answer JSON with citations."""
