"""Retrieval: channels, fusion, reranking and the comparison's other side (service.ranking.retrieval.Retriever)."""
