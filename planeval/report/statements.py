"""Sentences a chapter states as its answers: computed from its results, in Chinese and English.

A statement is never typed by hand with its numbers: a chapter builds it from the values it computed,
so that a parameter that changes a result changes the sentence. ``evidence`` names the table or figure
(its anchor on the page, and its file in the results) that shows the numbers behind it.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The four questions the book answers; a statement tagged with one appears on the front page under it.
QUESTIONS = {
    "promised": ("承诺了什么？", "What was promised?"),
    "reported": ("报告了什么？", "What was reported?"),
    "holds": ("站得住吗？", "What holds up?"),
    "on_track": ("按期吗？", "What is on track?"),
}


@dataclass(frozen=True)
class Statement:
    zh: str
    en: str
    evidence: str = ""
    question: str = ""  # one of QUESTIONS, for the front page; empty: this chapter only
    headline: bool = False  # the front page's one-line answer to its question (one per question)

    def __post_init__(self) -> None:
        if not self.zh.strip() or not self.en.strip():
            raise ValueError("a statement needs both its Chinese and its English sentence")
        if self.question and self.question not in QUESTIONS:
            raise ValueError(f"question {self.question!r} is not one of {', '.join(QUESTIONS)}")
        if self.headline and not self.question:
            raise ValueError("a headline answers one of the questions: give its question")
