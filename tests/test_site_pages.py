"""The generated pieces of the site, without a build."""

from __future__ import annotations

import hashlib

import pandas as pd

from planeval.build import site_pages
from planeval.core import paths


def test_build_information_names_data_files_as_in_the_repository_wherever_the_data_folder_is(tmp_path,
                                                                                              monkeypatch):
    data = tmp_path / "copy-of-data"
    (data / "raw").mkdir(parents=True)
    (data / "indicators.csv").write_text("id\n", encoding="utf-8")
    (data / "raw" / "01_harbin.txt").write_text("哈尔滨", encoding="utf-8")
    monkeypatch.setattr(paths, "DATA", data)
    monkeypatch.setattr(paths, "RAW", data / "raw")
    monkeypatch.setattr(site_pages, "DATA_FILES", (data / "indicators.csv", data / "missing.csv"))
    sources = pd.DataFrame({"date": ["2022-05-01", "2023-01-09"]})
    observations = pd.DataFrame({"read_on": ["2026-11-30"]})
    info = site_pages.build_info(tmp_path / "no-results", sources, observations)
    assert info["data_files"] == {
        "data/indicators.csv": hashlib.sha256(b"id\n").hexdigest(),
        "data/raw/01_harbin.txt": hashlib.sha256("哈尔滨".encode()).hexdigest()}
    assert info["data_date"] == "2026-11-30" and info["chapters"] == {}


def test_a_glossary_table_s_bilingual_cells_get_one_language_per_edition():
    frame = pd.DataFrame({"类别 type": ["领域 domain", "指标 indicator"], "中文 Chinese": ["健康", "每千人口托位数"],
                          "English": ["health", "childcare places per 1,000 people"]})
    assert site_pages.table_messages(frame) == {
        "类别 type": {"zh": "类别", "en": "type"}, "中文 Chinese": {"zh": "中文", "en": "Chinese"},
        "领域 domain": {"zh": "领域", "en": "domain"}, "指标 indicator": {"zh": "指标", "en": "indicator"}}
