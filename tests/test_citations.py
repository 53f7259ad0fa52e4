"""Where an answer stands: passages listed without repeats, citations in the reader's language."""

from service.http.citations import below_the_answer, distinct, reference_text


def test_listed_passages_do_not_repeat_each_other_or_the_answer(client):
    for question in ("“1+8”是什么意思？", "2021年上半年地区生产总值是多少？", "How many new urban jobs were in 2020?"):
        answer = client.post("/api/ask", json={"question": question}).get_json()
        listed = below_the_answer(answer)
        cited = {a["citation"]["passage"] for a in answer["answer_parts"]}
        quoted = [p for p in answer["passages"] if p["id"] in cited]
        for i, p in enumerate(listed):
            for q in quoted + listed[:i]:
                shared = min(p["end"], q["end"]) - max(p["start"], q["start"]) if p["doc"] == q["doc"] else 0
                assert p is not q and shared <= min(p["end"] - p["start"], q["end"] - q["start"]) / 2, question


def test_a_passage_that_mostly_repeats_one_kept_is_left_out_but_a_quoted_one_never_is():
    a, b, c = (
        {"doc": "r", "start": s, "end": e, "id": i} for s, e, i in ((0, 100, "a"), (40, 140, "b"), (200, 300, "c"))
    )
    assert distinct([a, b, c]) == [a, c]
    assert distinct([a, b, c], [b]) == [b, c]  # what the answer quotes stays, what repeats it goes
    assert distinct([a, {**b, "doc": "other"}]) == [a, {**b, "doc": "other"}]  # another report's passage is kept


def test_a_citation_to_copy_is_in_the_pages_language():
    citation = {"paragraph": 8, "start": 267, "end": 389}
    english = str(reference_text(citation, "报告", "一、回顾", "en", "en"))
    assert (
        english
        == '<span lang="zh-Hans">报告</span> › <span lang="zh-Hans">一、回顾</span>, paragraph 8, characters 267–389'
    )
    assert str(reference_text(citation, "報告", "", "zh-Hant", "zh")) == "《報告》，第8段，第267–389字"
