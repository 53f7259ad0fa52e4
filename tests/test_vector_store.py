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


def test_a_store_gives_back_the_vectors_of_the_rows_asked():
    data = _unit(300, 16, 5)
    for store in (VectorStore.build(data), VectorStore.build(data, exact_limit=100)):  # flat and HNSW
        assert np.allclose(store.rows([7, 250, 3]), data[[7, 250, 3]], atol=1e-6)
        assert store.rows([]).shape == (0, 16)


def test_large_stores_switch_to_hnsw_with_high_recall():
    data, queries = _unit(3000, 32, 3), _unit(50, 32, 4)
    store = VectorStore.build(data, exact_limit=1000)
    _, rows = store.search(queries, 10)
    truth = np.argsort(-(queries @ data.T), axis=1)[:, :10]
    recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(rows, truth)])
    assert store.kind == "hnsw" and recall >= 0.95


def test_cached_queries_skip_the_model_for_repeated_questions():
    from index.embedder import CachedQueries

    class Counting:
        name, dim, calls = "fake", 4, 0

        def encode_queries(self, texts):
            Counting.calls += len(texts)
            return np.array([[len(t), 1.0, 0.0, 0.0] for t in texts], dtype=np.float32)

    cached = CachedQueries(Counting(), size=2)
    first = cached.encode_queries(["a", "bb"])
    again = cached.encode_queries(["bb", "a"])
    assert Counting.calls == 2 and (again == first[::-1]).all()
    cached.encode_queries(["ccc"])  # evicts the least recently used
    cached.encode_queries(["bb"])
    assert Counting.calls == 4
