"""Tests of the figure extractor (planeval.extract) and its CLI (scripts/extract_figures.py).

Short texts are written here with the rows a careful reader expects; the five sources are used only
for invariants that must hold on any text (offsets, vocabularies, determinism) and for a few anchors.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import planeval.extract.normalise as X
from planeval.core.errors import DataFileError, ParameterError
from planeval.data.dates import parse_document_date as parse_doc_date
from planeval.data.quotes import number_of, squeeze
from planeval.data.vocab import COMPARATORS, KINDS, UNITS
from planeval.extract import FIELDS, decode_source, extract, read_source, write_csv

ROOT = Path(__file__).resolve().parents[1]
CLI = ROOT / "scripts" / "extract_figures.py"
SOURCES = sorted((ROOT / "data" / "raw").glob("0*.txt"))


def rows(text, **kw):
    return extract(text, **kw)


def brief(text, **kw):
    """(indicator_zh, value, unit, comparator) of each candidate."""
    return [(c.indicator_zh, c.value, c.unit, c.comparator) for c in extract(text, **kw)]


def skipped(text, **kw):
    """{value_text: reason_hint} of the numbers left out."""
    return {c.value_text: c.reason_hint for c in extract(text, include_skipped=True, **kw) if c.reason_hint}


def check_invariants(text, cands):
    for c in cands:
        assert text[c.start:c.end] == c.quote
        assert text[c.value_start:c.value_end] == c.value_text
        assert c.start <= c.value_start < c.value_end <= c.end
        if c.reason_hint:
            continue
        assert c.unit in UNITS
        assert c.comparator in COMPARATORS
        assert c.kind in KINDS
        assert c.role in ("level", "from", "change")
        if c.withheld:
            assert c.value == "" and set(c.value_text) == {"*"}
        else:
            assert number_of(c.value_text) == pytest.approx(float(c.value))
        assert c.year is None or 1990 <= c.year <= 2100


# ---------------------------------------------------------------------------------------------
# units and multipliers
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("适龄妇女宫颈癌筛查率达70%以上。", [("适龄妇女宫颈癌筛查率", "70", "%", ">=")]),
    ("孕产妇死亡率控制在14/10万以内。", [("孕产妇死亡率", "14", "per 100k", "<=")]),
    ("先天梅毒发生率控制在15/10万以下。", [("先天梅毒发生率", "15", "per 100k", "<=")]),
    ("新生儿死亡率降至3.0‰以下。", [("新生儿死亡率", "3.0", "‰", "<=")]),
    ("全市总人口数62.91万人。", [("全市总人口数", "62.91", "10k persons", "=")]),
    ("投入各类资金19.95亿元。", [("投入各类资金", "19.95", "100m yuan", "=")]),
    ("增加教辅用房23.55万平方米。", [("增加教辅用房", "23.55", "10k m2", "=")]),
    ("行政区域面积1383平方公里。", [("行政区域面积", "1383", "km2", "=")]),
    ("地方医疗卫生经费支出32793万元。", [("地方医疗卫生经费支出", "32793", "10k yuan", "=")]),
    ("资助14.8万学生。", [("资助学生", "14.8", "10k persons", "=")]),
    ("累计培训3.5万人次。", [("累计培训", "3.5", "10k person-times", "=")]),
    ("总体近视率每年降低0.5个百分点以上。", [("总体近视率每年降低", "0.5", "percentage points", ">=")]),
    ("受教育年限达到10.5年。", [("受教育年限", "10.5", "years", "=")]),
    ("每天户外锻炼1小时以上。", [("每天户外锻炼", "1", "hours", ">=")]),
    ("妇女人均预期寿命达到81.8岁以上。", [("妇女人均预期寿命", "81.8", "age in years", ">=")]),
    ("设置302名儿童督导员。", [("设置儿童督导员", "302", "persons", "=")]),
    ("建立教育集团62个。", [("建立教育集团", "62", "count", "=")]),
])
def test_units_and_multipliers(text, expected):
    assert brief(text) == expected


def test_money_per_person_and_month_in_every_spelling():
    assert [c.unit for c in rows("标准提高到2350元/人·月。")] == ["yuan/person/month"]
    assert [c.unit for c in rows("标准提高到2585元/人月。")] == ["yuan/person/month"]
    (c,) = rows("标准提高到2585元/月。")
    assert c.unit == "yuan/person/month" and "per person assumed" in c.notes
    assert [c.unit for c in rows("每人每月发放补助1271元。")] == ["yuan/person/month"]
    got = rows("给予每生每月200元的经费补助。")
    assert [(c.value, c.unit) for c in got] == [("200", "yuan/person/month")]
    (c,) = rows("每人每学年资助1万元助学金。")
    assert (c.value, c.unit, c.indicator_zh) == ("1", "10k yuan/person/year", "每人每学年资助助学金")


def test_per_capita_densities_take_their_unit_from_the_indicator():
    got = brief("推动实现每千名儿童拥有儿科执业(助理)医生达到1.12名、床位增至3.17张。")
    assert [(i, v, u) for i, v, u, _ in got] == [
        ("每千名儿童拥有儿科执业(助理)医生", "1.12", "doctors per 1000 children"),
        ("每千名儿童拥有床位", "3.17", "beds per 1000 children"),
    ]
    (c,) = rows("2025年,每千人口托位数将达到4.5个。", doc_date="2023-05-31")
    assert (c.indicator_zh, c.value, c.unit, c.comparator, c.year, c.kind) == (
        "每千人口托位数", "4.5", "places per 1000 people", ">=", 2025, "target")


def test_the_digits_of_a_unit_are_not_a_second_number():
    cands = extract("孕产妇死亡率控制在14/10万以内。", include_skipped=True)
    assert [c.value_text for c in cands] == ["14"]


def test_thousands_separator_and_approximate_counts():
    assert brief("全市常住人口约3,200名。") == [("全市常住人口", "3200", "persons", "~")]
    (c,) = rows("700余名排涝人员全部上岗。")
    assert (c.value, c.unit, c.comparator, c.indicator_zh) == ("700", "persons", "~", "排涝人员")
    assert "余" in c.notes
    (c,) = rows("进行10余次修改。")
    assert (c.value, c.comparator) == ("10", "~")


# ---------------------------------------------------------------------------------------------
# bound words
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, comparator", [
    ("覆盖率达到90%以上。", ">="),
    ("贫血患病率控制在10%以下。", "<="),
    ("龋患率控制在30%以内。", "<="),
    ("托位数不低于4.5个。", ">="),
    ("女性比例不少于30%。", ">="),
    ("服务时长不超过8小时。", "<="),
    ("至少有1名女性成员。", ">="),
    ("每年至少组织2次家庭教育指导。", ">="),
    ("传播率控制在2.5%。", "<="),
    ("到2025年,死亡率降至6.0‰。", "<="),
    ("到2025年,巩固率达到96%。", ">="),
    ("到2025年,床位增至3.17张。", ">="),
    ("女性比例达到40%左右。", "~"),
    ("女性比例约40%。", "~"),
    ("全市超过1200户。", ">="),
    ("48小时内完成检测。", "<="),
])
def test_bound_words(text, comparator):
    (c,) = rows(text)
    assert c.comparator == comparator


def test_more_than_is_noted_and_a_reported_level_is_exact():
    (c,) = rows("全市超过1200户。")
    assert "超过" in c.notes
    # 提高到 in a report states the level reached, not a floor
    (c,) = rows("2021年,标准提高到2350元/人·月。", doc_date="2022-07-13")
    assert (c.comparator, c.kind, c.year) == ("=", "reported", 2021)


def test_range_gives_two_rows():
    got = rows("力争通过3年至5年努力,建成区域医疗中心。")
    assert [(c.value, c.unit, c.comparator) for c in got] == [("3", "years", ">="), ("5", "years", "<=")]
    assert got[0].quote == got[1].quote == "通过3年至5年"


# ---------------------------------------------------------------------------------------------
# distributive lists and changes
# ---------------------------------------------------------------------------------------------

def test_distributive_list_gives_one_row_per_indicator_sharing_one_quote():
    text = "3.新生儿、婴儿和5岁以下儿童死亡率分别降至3.0‰、4.0‰和6.0‰以下,地区和城乡差距逐步缩小。"
    got = rows(text)
    assert [(c.indicator_zh, c.value, c.unit, c.comparator) for c in got] == [
        ("新生儿死亡率", "3.0", "‰", "<="),
        ("婴儿死亡率", "4.0", "‰", "<="),
        ("5岁以下儿童死亡率", "6.0", "‰", "<="),
    ]
    quote = "新生儿、婴儿和5岁以下儿童死亡率分别降至3.0‰、4.0‰和6.0‰以下"
    assert {c.quote for c in got} == {quote}
    assert got[0].start == text.index(quote)
    assert [c.value_start for c in got] == [text.index("3.0"), text.index("4.0"), text.index("6.0")]


def test_distributive_list_with_a_shared_qualifier_and_a_shared_bound():
    got = brief("5岁以下儿童贫血率和生长迟缓率分别控制在10%和5%以下。")
    assert got == [("5岁以下儿童贫血率", "10", "%", "<="), ("5岁以下儿童生长迟缓率", "5", "%", "<=")]


def test_unit_printed_once_applies_to_every_value_of_the_list():
    got = brief("新生儿、婴儿和5岁以下儿童死亡率分别降至3.0、4.0和6.0‰以下。")
    assert [(v, u, cmp) for _, v, u, cmp in got] == [
        ("3.0", "‰", "<="), ("4.0", "‰", "<="), ("6.0", "‰", "<=")]


def test_orphan_allowances_and_their_increases():
    text = ("2021年,我市机构养育和散居孤儿基本生活费标准分别提高到2350元/人·月和1650元/人·月,"
            "增幅分别达52%和43%。")
    got = rows(text, doc_date="2022-07-13")
    assert [(c.indicator_zh, c.value, c.unit, c.role) for c in got] == [
        ("机构养育孤儿基本生活费标准", "2350", "yuan/person/month", "level"),
        ("散居孤儿基本生活费标准", "1650", "yuan/person/month", "level"),
        ("机构养育孤儿基本生活费标准增幅", "52", "%", "change"),
        ("散居孤儿基本生活费标准增幅", "43", "%", "change"),
    ]
    assert {(c.year, c.kind) for c in got} == {(2021, "reported")}


def test_change_from_old_to_new_values():
    text = "2022年,城市和农村低保标准分别由每人每月1271元和763元提高到1360元和820元。"
    got = rows(text)
    assert [(c.indicator_zh, c.value, c.unit, c.role) for c in got] == [
        ("城市低保标准", "1271", "yuan/person/month", "from"),
        ("农村低保标准", "763", "yuan/person/month", "from"),
        ("城市低保标准", "1360", "yuan/person/month", "level"),
        ("农村低保标准", "820", "yuan/person/month", "level"),
    ]
    assert all(c.kind == "reported" for c in got)
    # the new values' quote reaches back to the subject they borrow
    assert got[2].quote == "城市和农村低保标准分别由每人每月1271元和763元提高到1360元和820元"


def test_increase_borrows_the_subject_of_the_previous_clause():
    got = rows("2022年,机构养育孤儿基本生活保障标准提高到2585元/月,增幅达10%。")
    assert [(c.indicator_zh, c.value, c.unit, c.role) for c in got] == [
        ("机构养育孤儿基本生活保障标准", "2585", "yuan/person/month", "level"),
        ("机构养育孤儿基本生活保障标准增幅", "10", "%", "change"),
    ]
    assert "subject taken from the previous clause" in got[1].notes


def test_year_on_year_increases_of_two_values():
    got = rows("城镇和农村居民人均可支配收入分别为42000元和18000元,同比增加7%和7.47%。")
    assert [(c.indicator_zh, c.value, c.role) for c in got] == [
        ("城镇居民人均可支配收入", "42000", "level"),
        ("农村居民人均可支配收入", "18000", "level"),
        ("城镇居民人均可支配收入同比增加", "7", "change"),
        ("农村居民人均可支配收入同比增加", "7.47", "change"),
    ]


def test_decline_against_a_base_year_is_a_change_and_the_base_year_is_not_its_year():
    (c,) = rows("到2025年,儿童伤害死亡率以2020年为基数下降18%。")
    assert (c.indicator_zh, c.value, c.unit, c.role) == (
        "儿童伤害死亡率以2020年为基数下降", "18", "%", "change")
    assert (c.year, c.kind) == (2025, "target")


def test_baseline_series_from_2016_to_2020():
    text = ("十三五期间,城镇居民人均可支配收入从2016年的28600元增加到2020年的39307元,年均增长2141.4元;"
            "其中女性人口数29.74万人,占总人口的47.3%。")
    got = rows(text)
    assert [(c.indicator_zh, c.value, c.year, c.kind, c.role) for c in got] == [
        ("城镇居民人均可支配收入", "28600", 2016, "baseline", "from"),
        ("城镇居民人均可支配收入", "39307", 2020, "baseline", "level"),
        ("城镇居民人均可支配收入年均增长", "2141.4", 2020, "baseline", "change"),
        ("女性人口数", "29.74", 2020, "baseline", "level"),
        ("女性人口数占总人口", "47.3", 2020, "baseline", "level"),
    ]


def test_a_label_before_a_colon_names_the_value():
    (c,) = rows("演出地点:音乐厅\n票价:80元(惠民)")
    assert (c.indicator_zh, c.value, c.unit, c.quote) == ("票价", "80", "yuan", "票价:80元")


def test_share_of_a_noun_after_the_value():
    got = rows("基本建成家庭教育指导服务体系,90%的城市社区和80%的农村社区建立家长学校。")
    assert [(c.indicator_zh, c.value, c.unit, c.quote) for c in got] == [
        ("城市社区", "90", "%", "90%的城市社区"),
        ("农村社区建立家长学校", "80", "%", "80%的农村社区建立家长学校"),
    ]


# ---------------------------------------------------------------------------------------------
# years, kinds
# ---------------------------------------------------------------------------------------------

def test_year_from_context():
    (c,) = rows("到2025年,适龄妇女宫颈癌筛查早诊率达80%。")
    assert (c.year, c.kind, c.comparator) == (2025, "target", ">=")
    (c,) = rows("2022年投入各类资金19.95亿元。", doc_date="2023-05-31")
    assert (c.year, c.kind, c.notes) == (2022, "reported", "")
    (c,) = rows("截至2020年末,全市总人口数62.91万人。")
    assert (c.year, c.kind) == (2020, "baseline")


def test_this_year_needs_the_document_date():
    (c,) = rows("今年新增妇女就业3万人以上。", doc_date="2024-08-01")
    assert (c.year, c.unit, c.comparator) == (2024, "10k persons", ">=")
    assert "今年" in c.notes
    (c,) = rows("今年新增妇女就业3万人以上。")
    assert c.year is None and "document date unknown" in c.notes
    (c,) = rows("去年新增妇女就业3万人。", doc_date=date(2024, 8, 1))
    assert c.year == 2023


def test_reported_figures_without_a_year_take_the_report_date():
    (c,) = rows("在村(社区)设置2936名儿童主任。", doc_date="2022-07-13")
    assert (c.year, c.kind, c.notes) == (2022, "reported", "year from report date")
    (c,) = rows("在村(社区)设置2936名儿童主任。")
    assert c.year is None and "no year found" in c.notes


def test_document_date_is_read_from_the_header():
    text = "成文日期: | 2022-07-20 |\n今年新增托位300个。"
    (c,) = rows(text)
    assert c.year == 2022 and "document date read from the header" in c.notes
    (c,) = rows(text, doc_date="2023-01-01")  # an explicit date wins
    assert c.year == 2023


PLAN = """清镇市儿童发展“十四五”规划(2021—2025年)
一、清镇市经济、人口等基本情况
(一)城市与人口发展情况
清镇市行政区域面积1383平方公里,辖9乡(镇)3个街道办事处。
二、发展领域、主要目标和策略措施
(一)儿童与健康
主要目标:
1.孕产妇死亡率控制在14/10万以内。
2.适龄儿童免疫规划疫苗接种率保持在90%以上。
策略措施:
1.新生儿访视率保持在95%以上。
"""


def test_plan_sections_give_kind_and_year():
    got = rows(PLAN)
    by_value = {c.value: c for c in got}
    assert (by_value["1383"].kind, by_value["1383"].year) == ("baseline", 2020)
    assert "baseline year assumed" in by_value["1383"].notes
    assert (by_value["14"].kind, by_value["14"].year) == ("target", 2025)
    assert by_value["14"].notes == "plan end year"
    assert (by_value["90"].kind, by_value["90"].comparator) == ("target", ">=")
    assert by_value["95"].kind == "target"  # measures of a plan are targets too
    # list numbers, the plan period and the section numbers are not candidates
    assert sorted(c.value for c in got) == sorted(["1383", "9", "3", "14", "90", "95"])


def test_claims_about_the_plans():
    got = rows("两个规划涵盖15个重点发展领域,97项主要目标,265项支持性目标,182项策略措施。")
    assert [(c.indicator_zh, c.value, c.kind) for c in got] == [
        ("重点发展领域", "15", "claim"), ("主要目标", "97", "claim"),
        ("支持性目标", "265", "claim"), ("策略措施", "182", "claim"),
    ]
    (c,) = rows("比对国家“两个纲要”,高于国家的量化指标9个。")
    assert (c.indicator_zh, c.kind) == ("高于国家的量化指标", "claim")


def test_targets_in_news_need_a_cue():
    (c,) = rows("下一步,2023年完成新建学校4所。", doc_date="2023-05-31")
    assert c.kind == "target"
    (c,) = rows("我省高级专业技术人员中女性占比达到45.3%。", doc_date="2024-08-01")
    assert (c.kind, c.comparator) == ("reported", "=")
    (c,) = rows("力争到2025年累计培训**万人次。")
    assert (c.kind, c.year) == ("target", 2025)


# ---------------------------------------------------------------------------------------------
# withheld values, full-width text, line breaks
# ---------------------------------------------------------------------------------------------

def test_withheld_values():
    got = rows("到2025年,5岁以下儿童贫血率和生长迟缓率分别控制在*%和*%以下。")
    assert [(c.indicator_zh, c.value, c.value_text, c.withheld, c.comparator) for c in got] == [
        ("5岁以下儿童贫血率", "", "*", True, "<="),
        ("5岁以下儿童生长迟缓率", "", "*", True, "<="),
    ]
    (c,) = rows("今年确保新增妇女就业**万人以上。")
    assert (c.value, c.value_text, c.unit, c.comparator, c.withheld) == ("", "**", "10k persons", ">=", True)
    (c,) = rows("力争到2025年累计培训**万人次。")
    assert c.comparator == ""  # no bound word, no value: nothing to compare
    assert rows("支持妇女参加“**技工”“**家政”等培训。将权益保护纳入法冶**建设全过程。") == []


def test_full_width_digits_and_punctuation_report_original_offsets():
    text = "１、适龄妇女宫颈癌筛查率达７０％以上，乳腺癌筛查率逐步提高。"
    (c,) = rows(text)
    assert (c.indicator_zh, c.value, c.value_text, c.unit, c.comparator) == (
        "适龄妇女宫颈癌筛查率", "70", "７０", "%", ">=")
    assert c.quote == "适龄妇女宫颈癌筛查率达７０％以上"
    assert text[c.start:c.end] == c.quote and text[c.value_start:c.value_end] == "７０"


def test_numbers_and_units_broken_across_lines():
    text = "截至2020年末,全市总人口数62.91\n万人,其中女性人口数29.74万\n人。"
    got = rows(text)
    assert [(c.value, c.unit) for c in got] == [("62.91", "10k persons"), ("29.74", "10k persons")]
    assert got[0].quote == "全市总人口数62.91\n万人"
    assert squeeze(got[1].quote) == "女性人口数29.74万人"


# ---------------------------------------------------------------------------------------------
# numbers that are not values
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value_text, reason", [
    ("本报讯 7月13日,市政府召开发布会。", "13", "date"),
    ("2022年6月\n目录", "6", "date"),
    ("2022年,投入资金。", "2022", "year"),
    ("时间:2023.6.9 19:00\n票价:80元", "19", "time of day"),
    ("截至17时,全部上岗。", "17", "time of day"),
    ("业务电话:0451-84692455", "0451", "phone number"),
    ("文号:清府发〔2022〕12号", "12", "document number"),
    ("目录\n1、坚持党的全面领导。", "1", "list or section number"),
    ("主要目标:\n10.学校家庭社会协同育人机制进一步完善。", "10", "list or section number"),
    ("5岁以下儿童死亡率持续下降。", "5", "age in an indicator name"),
    ("加强0-6岁残疾儿童早期筛查。", "0", "age in an indicator name"),
    ("继续实施6-36月龄儿童营养改善项目。", "36", "age in an indicator name"),
    ("《清镇市妇女发展规划(2021-2025年)》", "2021", "inside a quoted name or title"),
    ("清镇市妇女发展规划(2021-2025)", "2025", "plan period or range of years"),
    ("打造妇女身边的“15分钟健身圈”。", "15", "inside a quoted name or title"),
    ("继续优化3+3等中高职衔接培养模式。", "3", "name with + (e.g. 3+3, 1+X)"),
    ("发挥好12315热线作用。", "12315", "no unit"),
    ("二、指导思想、基本原则和总体目标 4\n(一)指导思想", "4", "no unit"),
    ("今年6月是第22个全国安全生产月。", "22", "ordinal"),
    ("完成全程接种满6个月的人群。", "6", "unit not in vocabulary"),
    ("哈尔滨音乐厅(群力大道1号)", "1", "number or address (号)"),
])
def test_numbers_that_are_not_values_are_left_out_with_a_reason(text, value_text, reason):
    assert all(c.value_text != value_text for c in rows(text))
    assert skipped(text).get(value_text) == reason


def test_ages_in_names_do_not_hide_the_value():
    got = rows("3岁以下儿童系统管理率和7岁以下儿童健康管理率保持在93%以上。")
    assert [(c.value, c.unit) for c in got] == [("93", "%")]
    got = rows("每千人口拥有3岁以下婴幼儿托位数不低于4.5个。")
    assert [(c.indicator_zh, c.value, c.unit, c.comparator) for c in got] == [
        ("每千人口拥有3岁以下婴幼儿托位数", "4.5", "places per 1000 people", ">=")]


def test_chinese_numerals_are_read_only_on_request():
    text = "我市新建三所学校。"
    assert rows(text) == []
    (c,) = rows(text, chinese_numerals=True)
    assert (c.value, c.value_text, c.unit, c.indicator_zh) == ("3", "三", "count", "新建学校")
    assert rows("第三批试点。", chinese_numerals=True) == []


# ---------------------------------------------------------------------------------------------
# whole-text behaviour
# ---------------------------------------------------------------------------------------------

def test_empty_and_blank_texts_give_no_rows():
    assert extract("") == []
    assert extract(" \n\u3000\n") == []
    assert extract("没有数字的文本。") == []


def test_a_statement_printed_twice_is_marked_as_a_duplicate():
    para = "高于国家的量化指标9个,新增特色量化指标11个。\n"
    got = rows(para + para)
    assert [c.duplicate_of for c in got] == [None, None, got[0].start, got[1].start]


def test_include_skipped_adds_rows_without_changing_the_candidates():
    text = "7月13日,2021年,我市机构养育孤儿基本生活费标准提高到2350元/人·月。"
    plain = extract(text)
    audit = extract(text, include_skipped=True)
    assert [c for c in audit if not c.reason_hint] == plain
    assert {c.value_text: c.reason_hint for c in audit if c.reason_hint} == {
        "7": "date", "13": "date", "2021": "year"}
    assert all(c.kind == "" and c.unit == "" for c in audit if c.reason_hint)


def test_bad_doc_date_is_refused():
    with pytest.raises(ParameterError, match="doc_date"):
        extract("今年新增托位300个。", doc_date="2024-13-01")
    assert parse_doc_date("2023-05") == date(2023, 5, 1)


def test_fast_path_covers_every_whitespace_and_format_character():
    special = (chr(c) for c in range(0x110000))
    missing = [hex(ord(ch)) for ch in special
               if (unicodedata.category(ch) == "Cf" or ch.isspace()) and not X._SLOW_CHARS.match(ch)]
    assert missing == []
    # a zero-width space inside a number does not split it, and offsets stay in the original
    text = "投入资金19\u200b.95亿元。"
    (c,) = rows(text)
    assert (c.value, c.value_text) == ("19.95", "19\u200b.95")


alphabet = st.sampled_from(
    list("0123456789.,%‰*、和及至-—年月日万亿元人个名所次以上下内左右达到不低于控制在分别由提高增幅")
    + ["率", "妇女", "儿童", "标准", "/10万", "/人·月", "每人每月", "\n", " ", "。", ",", "“", "”",
       "《", "》", "(", ")", "１", "％", "２０２５年", "到2025年", "第", "\u3000", "\u200b"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(alphabet, max_size=60).map("".join))
def test_invariants_hold_on_arbitrary_text(text):
    cands = extract(text, include_skipped=True, doc_date="2023-05-31", chinese_numerals=True)
    check_invariants(text, cands)
    assert cands == extract(text, include_skipped=True, doc_date="2023-05-31", chinese_numerals=True)


@pytest.mark.skipif(not SOURCES, reason="sources not present")
def test_invariants_and_determinism_on_the_sources():
    for path in SOURCES:
        text, encoding = read_source(path)
        assert encoding == "utf-8"
        cands = extract(text, file=path.name, include_skipped=True)
        check_invariants(text, cands)
        assert cands == extract(text, file=path.name, include_skipped=True)
        assert [(c.start, c.value_start) for c in cands] == sorted((c.start, c.value_start) for c in cands)


@pytest.mark.skipif(len(SOURCES) < 5, reason="sources not present")
def test_anchor_figures_of_the_sources():
    text = read_source(SOURCES[3])[0]  # the Qingzhen plans
    got = {(c.indicator_zh, c.value, c.unit, c.comparator, c.kind) for c in extract(text)}
    for row in [
        ("孕产妇死亡率", "14", "per 100k", "<=", "target"),
        ("新生儿死亡率", "3.0", "‰", "<=", "target"),
        ("5岁以下儿童生长迟缓率", "5", "%", "<=", "target"),
        ("每千人口拥有3岁以下婴幼儿托位数", "4.5", "places per 1000 people", ">=", "target"),
        ("全市总人口数", "62.91", "10k persons", "=", "baseline"),
        ("公共财政预算收入(地区财政收入)", "148697", "100m yuan", "=", "baseline"),
    ]:
        assert row in got
    values = {c.value_text for c in extract(text)}
    assert "12" not in values and "2659961" not in values  # document number, index number


# ---------------------------------------------------------------------------------------------
# decoding and CSV
# ---------------------------------------------------------------------------------------------

def test_decode_source():
    assert decode_source("妇女".encode()) == ("妇女", "utf-8")
    assert decode_source("妇女".encode("gb18030")) == ("妇女", "gb18030")
    with pytest.raises(DataFileError, match=r"^x\.txt: binary file"):
        decode_source(b"\xef\xbb\xbf\x00", "x.txt")
    with pytest.raises(DataFileError, match=r"^y\.txt: neither UTF-8 nor GB18030"):
        decode_source(b"\x81\x30\xff", "y.txt")


def test_read_source_errors_name_the_file(tmp_path):
    with pytest.raises(DataFileError, match="missing.txt: no such file"):
        read_source(tmp_path / "missing.txt")
    with pytest.raises(DataFileError, match="not a regular file"):
        read_source(tmp_path)


def test_write_csv_round_trip():
    cands = extract("增幅达10%;孕产妇死亡率控制在14/10万以内。", file="f.txt")
    buf = io.StringIO()
    assert write_csv(cands, buf) == len(cands) == 2
    back = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert tuple(back[0]) == FIELDS
    assert [r["value"] for r in back] == ["10", "14"]
    assert back[1]["withheld"] == "false" and back[1]["year"] == "" and back[1]["duplicate_of"] == ""


# ---------------------------------------------------------------------------------------------
# CLI
# ---------------------------------------------------------------------------------------------

def run_cli(*args, cwd=None):
    return subprocess.run([sys.executable, str(CLI), *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd)


def test_cli_writes_csv_to_stdout(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("今年孕产妇死亡率控制在14/10万以内。", encoding="utf-8")
    r = run_cli(src, "--date", "2024-08-01")
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    (row,) = list(csv.DictReader(io.StringIO(r.stdout)))
    assert (row["file"], row["value"], row["unit"], row["comparator"], row["year"]) == (
        str(src), "14", "per 100k", "<=", "2024")


def test_cli_out_and_dates_per_file(tmp_path):
    a, b = tmp_path / "001_a.txt", tmp_path / "002_b.txt"
    a.write_text("今年新增托位300个。", encoding="utf-8")
    b.write_text("今年新增托位400个。", encoding="utf-8")
    out = tmp_path / "c.csv"
    r = run_cli(a, b, "--out", out, "--date", "2020-01-01", "--date", "002=2023-05-31")
    assert r.returncode == 0 and r.stdout == ""
    got = [(row["value"], row["year"]) for row in csv.DictReader(out.open(encoding="utf-8"))]
    assert got == [("300", "2020"), ("400", "2023")]


def test_cli_all_adds_reason_hints(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("7月13日,发布会召开。", encoding="utf-8")
    r = run_cli(src, "--all")
    assert r.returncode == 0
    assert [row["reason_hint"] for row in csv.DictReader(io.StringIO(r.stdout))] == ["date", "date"]
    assert run_cli(src).stdout.strip() == ",".join(FIELDS)


def test_cli_reads_gb18030_and_says_so(tmp_path):
    src = tmp_path / "gb.txt"
    src.write_bytes("孕产妇死亡率控制在14/10万以内。".encode("gb18030"))
    r = run_cli(src)
    assert r.returncode == 0
    assert r.stderr.strip() == f"extract_figures: {src}: not valid UTF-8; decoded as GB18030"
    (row,) = list(csv.DictReader(io.StringIO(r.stdout)))
    assert row["indicator_zh"] == "孕产妇死亡率" and row["quote"] == "孕产妇死亡率控制在14/10万以内"


def test_cli_empty_file_gives_header_only(tmp_path):
    src = tmp_path / "empty.txt"
    src.write_bytes(b"")
    r = run_cli(src)
    assert (r.returncode, r.stdout, r.stderr) == (0, ",".join(FIELDS) + "\n", "")


@pytest.mark.parametrize("make, message", [
    (lambda p: p.write_bytes(b"PK\x03\x04\x00\x00binary"), "binary file (contains NUL bytes)"),
    (lambda p: None, "no such file"),
    (lambda p: p.mkdir(), "not a regular file"),
    (lambda p: p.write_bytes(b"\x81\x30\xff\xff"), "neither UTF-8 nor GB18030"),
])
def test_cli_bad_input_is_one_line_naming_the_file_and_exit_2(tmp_path, make, message):
    bad = tmp_path / "bad.txt"
    make(bad)
    good = tmp_path / "good.txt"
    good.write_text("投入资金19.95亿元。", encoding="utf-8")
    r = run_cli(good, bad)
    assert r.returncode == 2
    assert r.stdout == ""  # no partial output
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"extract_figures: error: {bad}: {message}")


def test_cli_bad_date_is_a_usage_error(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("x", encoding="utf-8")
    r = run_cli(src, "--date", "2024-13-40")
    assert r.returncode == 2 and "--date" in r.stderr and r.stdout == ""
