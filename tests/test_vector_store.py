import numpy as np

from index.vector_store import VectorStore


def _unit(rows: int, dim: int, seed: int) -> np.ndarray:
    vectors = np.random.default_rng(seed).standard_normal((rows, dim)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_exact_store_matches_a_numpy_dot_product(tmp_path):
    data, queries = _unit(500, 64, 1), _unit(20, 64, 2)
    store = VectorStore.build(data)
    store.save(tmp_path / "v.faiss")
    scores, rows = VectorStore.load(tmp_path / "v.faiss").search(queries, 10)
    expected = np.argsort(-(queries @ data.T), axis=1, kind="stable")[:, :10]
    assert store.kind == "flat"
    assert (rows == expected).all()
    assert np.allclose(scores, np.take_along_axis(queries @ data.T, expected, axis=1), atol=1e-5)


def test_large_stores_switch_to_hnsw_with_high_recall():
    data, queries = _unit(3000, 32, 3), _unit(50, 32, 4)
    store = VectorStore.build(data, exact_limit=1000)
    _, rows = store.search(queries, 10)
    truth = np.argsort(-(queries @ data.T), axis=1)[:, :10]
    recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(rows, truth)])
    assert store.kind == "hnsw" and recall >= 0.95
