"""Request and response models: the code validates with them and /openapi.json is built
from them, so the documentation cannot drift from what the service accepts and returns."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AskRequest(Strict):
    """A question in English, Simplified or Traditional Chinese."""

    question: StrictStr = Field(
        description="The question; 1 to QA_MAX_QUESTION_CHARS characters.", examples=["2021年地区生产总值预期增长多少?"]
    )
    top_k: StrictInt = Field(5, ge=1, description="How many passages to return: 1 to QA_MAX_TOP_K (default 50).")
    id: StrictStr | None = Field(None, description="Echoed back, for batch callers.")
    report: StrictStr | None = Field(
        None,
        description="A report id (GET /api/reports lists them): its passages are read first, as when the "
        "question names that report's place or level.",
    )


class SearchRequest(AskRequest):
    """Passages only (no answer extraction), for evaluation tools."""

    pipeline: Literal["lexical", "dense", "hybrid", "full-hand", "full"] = Field(
        "full",
        description="Which retrieval pipeline ranks the passages "
        "(full-hand: the full one without the learned reranker).",
    )


class Where(BaseModel):
    """Where a span stands in its report, and how to open and cite it."""

    doc: str
    title: str
    section: str
    paragraph: int
    start: int
    end: int
    url: str = Field(description="The report page, relative to the service, with the span marked.")
    reference: str = Field(description="The citation as text to copy: report, section, paragraph, offsets.")


class Passage(Where):
    id: str
    text: str = Field(description="Original (Simplified) text; report.text[start:end].")
    display_text: str = Field(description="Text in the asker's script (Traditional for zh-Hant).")
    score: float
    date: str


class GlossaryItem(BaseModel):
    term: str
    number: int
    definition: str
    display_definition: str | None = None
    definition_en: str
    english: list[str]
    aliases: list[str]
    traditional: list[str]
    doc: str
    start: int
    end: int
    source: str | None = Field(
        None, description="'question' when the question names the term, 'passages' when a passage uses it."
    )


class FigureItem(BaseModel):
    text: str
    english: str
    value: str = Field("", description="Exact value in its unit, as a decimal string: 77943000000 for 779.43亿元.")
    unit: str = Field("", description="The report's unit: 元, %, 人 …")
    answers: bool = Field(False, description="This is the figure that answers a figure question.")
    metric: str = Field("", description="What it counts, in the report's words (the figure table's metric).")
    label_en: str = Field("", description="What it counts in English, and a change's way: 'GDP, up year on year'.")


class Citation(Where):
    passage: str


class AnswerPart(BaseModel):
    text: str = Field(description="One clause of the answer, as it stands in the report.")
    display_text: str = Field(description="The same, in the asker's script.")
    citation: Citation


class Doubt(BaseModel):
    code: str = Field(
        description="What the reports lack: unknown_term, after_reports, other_period, other_level, other_kind, …"
    )
    message: str = Field(description="The same, in the asker's language and script.")
    terms: list[str] = Field(
        default_factory=list,
        description="The question's words it is about, as written (unknown_term: names the reports never use).",
    )


class AskResponse(BaseModel):
    id: str | None
    question: str
    language: str = Field(description="en, zh-Hans or zh-Hant.")
    answer: str = Field(
        description="Extracted clause (a comparison's two, joined); English askers also get figures in English."
    )
    answer_display: str
    answer_text: str = Field(
        description="The extracted clause alone (of a comparison, the one judged first), as it stands in the report."
    )
    confident: bool = Field(description="true exactly when verdict is answered.")
    verdict: Literal["answered", "uncertain", "not_found"] = Field(
        description="answered: the answer is given outright; uncertain: the best answer, shown with a caution; "
        "not_found: the reports do not seem to say (or the question holds nothing to look for)."
    )
    confidence: float = Field(ge=0, le=1, description="Calibrated probability that the reports answer the question.")
    doubt: Doubt | None = Field(description="Why the verdict is not answered (null when it is).")
    answer_line: str = Field(
        description="One line in the asker's language and script: for a figure, metric, period and value "
        "(in English with the amount rendered and the Chinese beside it), the change the sentence gives, and for "
        "two figures of one unit what follows, marked as computed; otherwise the answering clause; "
        "when not_found, why."
    )
    figures: list[FigureItem]
    citation: Citation | None = Field(description="Where answer_text stands.")
    answer_parts: list[AnswerPart] = Field(
        description="Every clause of the answer, the earlier report's first: "
        "one, or two for a comparison (the plan and the result)."
    )
    glossary: list[GlossaryItem]
    passages: list[Passage]
    quoted_passages: list[Passage] = Field(
        description="The passages answer_parts quote from below the top_k listed (a comparison's other side may "
        "stand there), in rank order; usually none."
    )


class FigureRecordItem(BaseModel):
    """One figure of the reports, parsed at index time."""

    id: str = Field(description="report:offset")
    report: str
    passage: str = Field(description="The passage whose sentence holds it.")
    start: int = Field(description="Offset of the figure in its report's text.")
    end: int
    text: str = Field(description="As written: 779.43亿元.")
    value: str = Field(description="Exact value in its unit, as a decimal string: 77943000000.")
    unit: str
    kind: str = Field(description="money, percent, people or count.")
    english: str = Field(description="RMB 77.943 billion.")
    metric: str = Field(description="What it counts, in the report's words.")
    metric_en: str = Field(
        description="The metric in English: the corpus terminology's name for it when it has one, else a word-for-word "
        "gloss from CC-CEDICT."
    )
    change: str = Field(description="增长, 下降 …: the figure is a change of its metric (empty if not).")
    direction: str = Field(description="up or down, for a change.")
    base: str = Field(description="What a change is against: 同比, 较2019年同期.")
    period: list[str] = Field(description="Years, halves and plans its clause or passage speaks of.")
    level: str = Field(description="The level of government its report speaks for.")
    qualifier: str = Field(
        description="超, 以上, 余, 约 … written around it, or the lower end of a range (1- in 1-2项)."
    )
    clause: str = Field(description="The clause it stands in.")
    related: list[str] = Field(description="Ids of the other figures of its metric in its sentence.")


class FiguresResponse(BaseModel):
    index: str
    total: int = Field(description="How many figures matched (figures holds at most limit of them).")
    figures: list[FigureRecordItem]


class SearchResponse(BaseModel):
    id: str | None
    question: str
    language: str
    pipeline: str
    passages: list[Passage]


class ReportInfo(BaseModel):
    id: str
    title: str
    title_en: str = ""
    date: str
    kind: str
    source: str


class ReportsResponse(BaseModel):
    index: str
    chunks: int
    reports: list[ReportInfo]


class GlossaryResponse(BaseModel):
    entries: list[GlossaryItem]


class Health(BaseModel):
    ready: bool | None = None
    status: str | None = None
    reason: str | None = None
    index: str | None = None
    chunks: int | None = None
    encoders: dict[str, str] | None = None
    loaded_at: float | None = None
    last_reload_error: str | None = None


class Problem(BaseModel):
    """RFC 9457 problem details."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[dict] | None = None
