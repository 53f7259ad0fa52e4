"""Extracted answers: the figure asked for, English renderings, abstention."""

import re
from dataclasses import replace

import jieba
import pytest

from service.analysis.query import names_only
from service.analysis.terms import query_terms, term_weights
from service.answering.answer import MAX_ANSWER_CHARS, MIN_SENTENCE_CHARS, _candidates, _pick, _trim, _with_detail
from service.answering.figure_clause import clauses
from service.answering.respond import ask
from service.config import ROOT


@pytest.mark.parametrize(
    "question, figure",
    [
        ("2021年地区生产总值预期增长多少?", "7%"),
        ("2021年上半年武昌区地区生产总值是多少?", "779.43亿元"),
        ("十三五期间累计完成固定资产投资多少?", "1242.6亿元"),
    ],
)
def test_figure_questions_get_the_figure_with_its_unit(retriever, question, figure):
    result = ask(retriever, question)
    assert figure in result["answer"] and result["confident"] is True
    assert figure in result["passages"][0]["text"] or any(figure in p["text"] for p in result["passages"][:3])


@pytest.mark.parametrize(
    "question, said",
    [
        ("上半年绿道建设有什么进展?", "绿道5公里"),
        ("上半年金融之城建设有哪些进展?", "金融之城"),
    ],
)
def test_the_answer_is_the_clause_with_the_telling_word_not_the_common_ones(retriever, question, said):
    """A clause sharing the question's rare word beats one sharing its common words (计划, 上半年)."""
    assert said in ask(retriever, question)["answer"]


def test_english_questions_get_figures_in_english(retriever):
    result = ask(retriever, "What was the district's GDP in the first half of 2021?")
    assert "779.43亿元" in result["answer"] and "RMB 77.943 billion" in result["answer"]
    gdp = {"text": "779.43亿元", "english": "RMB 77.943 billion", "value": "77943000000", "unit": "元", "answers": True}
    assert gdp | {"metric": "地区生产总值", "label_en": "GDP"} in result["figures"]  # with what it counts


def test_traditional_askers_see_traditional_text_but_original_offsets(retriever):
    result = ask(retriever, "上半年地區生產總值是多少?")
    passage = result["passages"][0]
    assert result["language"] == "zh-Hant"
    assert "地區生產總值" in passage["display_text"] and passage["text"] != passage["display_text"]
    assert "億元" in result["answer_display"]


def test_the_citation_points_at_the_answer_in_the_original_text(retriever):
    result = ask(retriever, "2021年社会消费品零售总额预期增长多少?")
    report = next(r for r in retriever.bundle.manifest["reports"] if r["id"] == result["citation"]["doc"])
    from index.corpus import load_reports
    from service.config import ROOT

    text = next(r.text for r in load_reports(ROOT / "corpus") if r.id == report["id"])
    c = result["citation"]
    assert text[c["start"] : c["end"]] == result["answer"]


@pytest.mark.parametrize(
    "question", ["武昌区2021年的房价涨了多少?", "What is the population of Wuchang's neighbouring district Hongshan?"]
)
def test_questions_the_reports_cannot_answer_are_not_confident(retriever, question):
    assert ask(retriever, question)["confident"] is False


@pytest.mark.parametrize(
    "question, figure",
    [
        # the expropriation sentence of the first passage holds 上半年 and 拆迁 far from its figures
        ("In the first half of 2021, what area of illegal structures was torn down?", "8.1万余平方米"),
        # a clause of 计划, 建成 and 上半年 about roads, against the one that counts the greenways in 公里
        ("2021年计划新建绿道多少公里?上半年实际建成多少?", "绿道5公里"),
    ],
)
def test_a_figure_answer_is_the_clause_that_counts_what_was_asked(retriever, question, figure):
    assert figure in ask(retriever, question)["answer"]


@pytest.mark.parametrize("template", ["什么是{}?", "{}指的是哪些?", "What does {} mean?"])
def test_asking_what_a_glossary_term_means_is_answered_by_its_definition_line(retriever, template):
    """Every term of the glossary, asked in each form: the answer stands inside the term's own
    definition line, not in a body sentence that merely uses the term."""
    for entry in retriever.bundle.glossary:
        name = entry.english[0] if template.startswith("What") and entry.english else entry.term
        answer = ask(retriever, template.format(name))
        cited = answer["citation"]
        assert cited["doc"] == entry.doc and entry.start <= cited["start"] < cited["end"] <= entry.end, (
            name,
            answer["answer"],
        )


@pytest.mark.parametrize("template", ["{}", "{}?", " “{}” "])
def test_a_glossary_term_asked_bare_is_answered_outright_by_its_definition(retriever, template):
    """A question of nothing but a term (in Chinese, or by its English name) is asked what the term
    means, as a dictionary is consulted: its definition, given outright, even for a term
    without a letter or character in it ("1+8"). A term with another word beside it is not."""
    for entry in retriever.bundle.glossary:
        for name in (entry.term, *entry.english[:1]):
            answer = ask(retriever, template.format(name))
            cited = answer["citation"]
            assert answer["verdict"] == "answered", (name, answer["verdict"], answer.get("doubt"))
            assert cited["doc"] == entry.doc and entry.start <= cited["start"] < cited["end"] <= entry.end, name
    entry = retriever.bundle.glossary[0]
    assert not names_only(f"{entry.term} 数量", [entry]) and names_only(f"{entry.term}？", [entry])


# A short opening sentence, then one of at least MIN_SENTENCE_CHARS (neither split by ；).
_TOPIC_THEN_MEASURE = re.compile(rf"([^。；;]{{4,{MIN_SENTENCE_CHARS - 2}}}。)([^。；;]{{{MIN_SENTENCE_CHARS},}}。)")


def test_a_sentence_naming_only_its_topic_is_answered_with_the_measure_after_it():
    """A paragraph that opens with its topic ("提升总部经济支撑力。") says what was done in the next
    sentence: a policy answer of that topic alone would tell the asker nothing new."""
    paragraphs = [
        line
        for path in sorted((ROOT / "corpus" / "reports").glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    headed = [m for p in paragraphs if (m := _TOPIC_THEN_MEASURE.match(p))]
    assert len(headed) >= 5
    for match in headed:
        topic, measure = match.end(1), match.end(2)
        assert _with_detail(match.string, 0, topic) == measure
        assert _with_detail(match.string, topic, measure) == measure  # a full sentence stands alone


# A heading or a paragraph's lead, then the sentence that details it.
_MARK = r"(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|——)"
_MARKED_LEAD = re.compile(rf"({_MARK}[^。；;]{{{MIN_SENTENCE_CHARS},}}。)([^。；;]+。)")


def test_a_heading_or_paragraph_lead_is_answered_with_the_sentence_after_it():
    """A numbered heading ("（二）优服务、增活力,营商环境打出“组合拳”。") or a paragraph's lead
    ("——五年来,我们……实现新突破。") names a topic, however long: what was done follows it."""
    paragraphs = [
        line
        for path in sorted((ROOT / "corpus" / "reports").glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    led = [m for p in paragraphs if (m := _MARKED_LEAD.match(p.strip()))]
    assert len(led) >= 5
    for match in led:
        assert _with_detail(match.string, 0, match.end(1)) == match.end(2)


def test_a_passage_far_ahead_keeps_its_lead_but_between_close_ones_the_sentence_decides(retriever):
    """The answer's sentence weighs how far its passage scores below the best, not its rank: the
    same two passages, scored alike, give the sentence holding more of the question; scored far
    apart, the best passage's."""
    query, hits = retriever.search("2021年上半年新增城镇就业多少人?", top_k=5)
    terms = query_terms(query)
    weight = term_weights(terms, retriever.bundle.lexical)
    answering = next(h for h in hits if "15043人" in h.chunk.text)
    other = next(h for h in hits if "15043人" not in h.chunk.text)

    def picked(first: float, second: float) -> str:
        ranked = [replace(other, score=first), replace(answering, score=second)]
        (hit, _, _), _ = _pick(query, terms, _candidates(ranked), weight)
        return hit.chunk.id

    assert picked(1.0, 0.95) == answering.chunk.id
    assert picked(30.0, 0.95) == other.chunk.id


def test_a_policy_answer_weighs_its_passages_lead_too(retriever):
    """Sentences of a question that asks no figure are weighed the same way: between two passages
    scored alike the better sentence wins, whichever passage it is in; a passage far ahead keeps
    its lead."""
    query, hits = retriever.search("区里怎样推进老旧小区改造?", top_k=5)
    assert not query.wants_figure
    terms = query_terms(query)
    weight = term_weights(terms, retriever.bundle.lexical)

    def picked(first, second, lead: float) -> str:
        ranked = [replace(first, score=1.0 + lead), replace(second, score=1.0)]
        (hit, _, _), clause = _pick(query, terms, _candidates(ranked), weight)
        assert clause is None
        return hit.chunk.id

    one, two = hits[0], hits[1]
    better = one if picked(one, two, 0.0) == one.chunk.id else two
    worse = two if better is one else one
    assert picked(worse, better, 0.0) == better.chunk.id  # scored alike: the better sentence, even second
    assert picked(worse, better, 30.0) == worse.chunk.id  # far ahead: the first passage's


_YEAR_OPENING = re.compile(r"到((?:19|20)\d\d)年[,，]")


def test_a_long_answer_is_cut_around_what_is_asked_not_the_year_that_sets_its_scene(retriever):
    """A long sentence opening with its year ("到2025年,…") is cut to the clauses holding the
    question's topic, though the opening clause holds the question's year."""
    sentences = [
        s
        for path in sorted((ROOT / "corpus" / "reports").glob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        for s in re.findall(r"[^。]+。", line)
        if _YEAR_OPENING.match(s) and len(s) > MAX_ANSWER_CHARS
    ]
    assert sentences
    for sentence in sentences:
        *_, (start, end) = clauses(sentence)
        last = sentence[start:end]
        topic = next(w for w in jieba.cut(last) if len(w) > 1 and sentence.count(w) == 1)
        query = retriever.analyse(f"到{_YEAR_OPENING.match(sentence).group(1)}年{topic}会怎样?")
        terms = query_terms(query)
        lo, hi = _trim(query, terms, sentence, weight=term_weights(terms, retriever.bundle.lexical))
        assert topic in sentence[lo:hi], sentence


@pytest.mark.parametrize(
    "question",
    [
        # a comparison, whose other side may stand below the fifth passage
        "The 2020 report says foreign trade growth turned positive that year. What does the mid-2021 report say "
        "about keeping it growing?",
        "2020年拆除违法建设的面积和2021年上半年相比怎么样?",
        "2021年上半年武昌区地区生产总值是多少?",
        "區裡怎麼推動老舊小區改造?",
    ],
)
def test_the_answer_and_its_verdict_do_not_depend_on_how_many_passages_are_shown(retriever, question):
    """The page shows 5 passages, chat 3, an evaluation 10: each must get the same answer, and
    each passage it quotes is listed, among those shown or below them."""
    results = [ask(retriever, question, top_k=k) for k in (1, 3, 5, 10, 20)]
    assert [len(r["passages"]) for r in results] == [1, 3, 5, 10, 20]
    for key in ("answer", "answer_line", "answer_parts", "verdict", "confidence", "doubt"):
        assert len({str(r[key]) for r in results}) == 1, key
    for r in results:
        listed = [p["id"] for p in r["passages"] + r["quoted_passages"]]
        assert len(listed) == len(set(listed))
        assert {part["citation"]["passage"] for part in r["answer_parts"]} <= set(listed)
