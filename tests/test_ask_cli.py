"""scripts/ask.py: the batch contract (--input/--output) and the readable single question."""

import json
import subprocess
import sys

from service.config import ROOT

KEYS = {"id", "question", "language", "answer", "confident", "glossary", "passages"}
PASSAGE_KEYS = {"id", "doc", "title", "section", "text", "start", "end", "score"}


def _run(args, config):
    env = {"QA_INDEX_DIR": str(config.index_dir), "PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1"}
    return subprocess.run(
        [sys.executable, "scripts/ask.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def test_batch_answers_every_line_in_order_with_the_contract_shape(built, config, tmp_path):
    rows = [
        {"id": "a", "question": "What is the GDP growth target for 2021?"},
        {"id": "b", "question": "两湖隧道是什么?", "extra": 1},
        {"id": "c", "question": "上半年地區生產總值是多少?"},
    ]
    source, target = tmp_path / "q.jsonl", tmp_path / "r.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    result = _run(["--input", str(source), "--output", str(target), "--top-k", "10"], config)
    assert result.returncode == 0, result.stderr[-2000:]
    answers = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [a["id"] for a in answers] == ["a", "b", "c"]
    assert [a["language"] for a in answers] == ["en", "zh-Hans", "zh-Hant"]
    for answer in answers:
        assert KEYS <= set(answer) and len(answer["passages"]) == 10
        assert all(PASSAGE_KEYS <= set(p) for p in answer["passages"])
        scores = [p["score"] for p in answer["passages"]]
        assert scores == sorted(scores, reverse=True)
    assert "7%" in answers[0]["answer"] and answers[1]["glossary"][0]["term"] == "两湖隧道"
    assert "地区生产总值" in answers[2]["passages"][0]["text"]  # original Simplified text


def test_a_single_question_prints_answer_passages_and_citations(built, config):
    result = _run(["2021年地区生产总值预期增长多少?"], config)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Answer:" in result.stdout and "7%" in result.stdout and "2021年主要工作" in result.stdout


def test_bad_arguments_are_refused_with_a_message(config):
    result = _run(["--input", "only-input.jsonl"], config)
    assert result.returncode == 2 and "--output" in result.stderr
