"""The label catalogue: every word a reader sees for a machine name, in Chinese and English, in one place.

Column headers, status words, places, units, domains and kinds of figures are named here once; tables,
charts, legends, badges and the glossary all take their words from this module, and a test checks that
every column of every table a chapter publishes has a label. The CSV downloads keep the machine names.

Units are given as the sources print them (万人, 亿元, 元/人·月), so that a reader recognises them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from planeval.data.vocab import DOMAIN_ZH, KIND_ZH


@dataclass(frozen=True)
class Label:
    zh: str
    en: str

    def both(self, sep: str = " ") -> str:
        """Chinese, then English (in tables and files read in both languages; the site marks each, see html.both)."""
        return self.zh if self.zh == self.en else f"{self.zh}{sep}{self.en}"

    def text(self, lang: str) -> str:
        return {"zh": self.zh, "en": self.en}.get(lang) or self.both()


#: Chinese then English in one text: "各来源中的目标 The targets in each source", "要点 At a glance"; or on two
#: lines, as the charts' titles are.
_HAN = "\u3400-\u9fff"
# The English may follow after a space, or straight after a Chinese sentence's full stop or colon.
_BILINGUAL = re.compile(rf"^(?P<zh>[^A-Za-z]*[{_HAN}][^A-Za-z]*?)(?:\s+|(?<=[。：；！？]))(?P<en>[A-Za-z(][^{_HAN}]*)$")


def split_lines(text: object) -> Label | None:
    """The two languages of a text written as a Chinese line, then an English line; otherwise None."""
    lines = str(text).split("\n")
    if len(lines) == 2 and re.search(f"[{_HAN}]", lines[0]) and not re.search(f"[{_HAN}]", lines[1]):
        return Label(lines[0], lines[1])
    return None


# A text whose Chinese names a Latin term (rows, CSV) or whose English quotes Chinese (亿元): the English starts
# at a space after a Chinese letter or closing mark, before a capital letter.
_BREAK = re.compile(rf"(?<=[{_HAN}。：；！？）」”])\s+(?=[A-Z])")
_LATIN = re.compile("[A-Za-z]")


def _mostly_chinese(text: str) -> bool:
    return len(re.findall(f"[{_HAN}]", text)) > len(_LATIN.findall(text))


def _mostly_english(text: str) -> bool:
    return len(_LATIN.findall(text)) > 3 * len(re.findall(f"[{_HAN}]", text))


def split(text: object) -> Label | None:
    """The Chinese and English parts of a text that holds both (Chinese first), or None.

    >>> split("按领域汇总 Roll-up by domain (达标率 = share achieved or on track)").zh
    '按领域汇总'
    >>> split("全部结果（rows：涉及的数字编号） Every finding (rows: the ids of the figures)").en
    'Every finding (rows: the ids of the figures)'
    >>> split("本书采用 ESCAP 方法") is None
    True
    """
    text = str(text)
    if (label := split_lines(text)) is not None:
        return label
    match = _BILINGUAL.match(text)
    if match:
        return Label(match["zh"], match["en"])
    for at in _BREAK.finditer(text):
        zh, en = text[:at.start()], text[at.end():]
        if _mostly_chinese(zh) and _mostly_english(en):
            return Label(zh, en)
    return None


def _table(pairs: dict[str, tuple[str, str]]) -> dict[str, Label]:
    return {key: Label(zh, en) for key, (zh, en) in pairs.items()}


COLUMNS = _table({
    # identity and provenance
    "id": ("编号", "id"), "source": ("来源", "source"), "document": ("文件", "document"),
    "title_zh": ("标题", "title (Chinese)"), "title_en": ("英文标题", "title (English)"),
    "publisher": ("发布者", "publisher"), "place": ("地点", "place"), "date": ("日期", "date"),
    "kind": ("类别", "kind"), "document_kind": ("文件类型", "kind of document"), "notes": ("说明", "notes"),
    "note": ("说明", "note"), "quote": ("原文", "quote"),
    "sentence": ("原句", "sentence"), "address": ("网址", "address"), "confidence": ("可信度", "confidence"),
    "scope": ("范围", "scope"), "rows": ("涉及行", "rows"), "theme": ("主题", "theme"),
    "series": ("序列", "series"), "ratio_zh": ("比值", "ratio (Chinese)"), "theme_zh": ("主题", "theme (Chinese)"),
    "revenue": ("财政收入", "revenue"), "spending": ("财政支出", "spending"),
    "education spending": ("教育经费支出", "education spending"), "event": ("事件", "event"),
    "programme": ("规划", "programme"),
    # what a figure is
    "region": ("地区", "region"), "regions": ("地区", "places"), "domain": ("领域", "domain"),
    "indicator_zh": ("指标", "indicator"),
    "indicator_en": ("指标（英文）", "indicator (English)"), "indicator": ("指标", "indicator"),
    "value": ("数值", "value"), "value_text": ("原文数值", "value as printed"), "unit": ("单位", "unit"),
    "unit_as_printed": ("原文单位", "unit as printed"), "comparator": ("约束", "bound"),
    "year": ("年份", "year"), "status": ("状态", "status"), "category": ("类别", "category"),
    "claim": ("声明", "claim"), "checkable": ("能否核查", "checkable"),
    # counts by kind and status
    "target": ("目标值", "targets"), "targets": ("目标数", "targets"), "reported": ("报告值", "reported"),
    "baseline": ("基线值", "baselines"), "withheld": ("未公布", "withheld"), "total": ("合计", "total"),
    "pass": ("通过", "pass"), "warn": ("存疑", "warn"), "fail": ("不符", "fail"),
    "stricter": ("更严", "stricter"), "equal": ("相同", "equal"), "looser": ("更宽", "looser"),
    "not comparable": ("不可比", "not comparable"),
    # checks
    "check": ("核查", "check"), "stated": ("原文所载", "stated"), "expected": ("重算结果", "recomputed"),
    "explanation": ("解释", "explanation"),
    "rule": ("规则", "rule"), "cause": ("根源", "root cause"),
    "severity": ("严重程度", "severity"), "consequences": ("派生结果数", "consequences"),
    "root_causes": ("根本问题", "root causes"), "consequence_ids": ("派生结果", "consequence ids"),
    "pair": ("报告对", "pair of reports"), "relation": ("关系", "relation"), "a": ("报告甲", "report a"),
    "b": ("报告乙", "report b"), "facts": ("事实数", "facts"), "matched": ("共同事实", "in both"),
    "agree": ("一致", "agree"), "differ_in_wording": ("措辞不同", "differ in wording"),
    "differ_in_value": ("数值不同", "differ in value"), "only_a": ("仅甲", "only in a"),
    "only_b": ("仅乙", "only in b"),
    "year_a": ("甲年份", "year in a"), "year_b": ("乙年份", "year in b"), "value_a": ("甲数值", "value in a"),
    "value_b": ("乙数值", "value in b"), "unit_a": ("甲单位", "unit in a"), "unit_b": ("乙单位", "unit in b"),
    "row_a": ("甲行", "row in a"), "row_b": ("乙行", "row in b"), "grade": ("评级规则", "grade"),
    "description": ("说明", "description"),
    "verdict": ("结论", "verdict"), "caveat": ("注意", "caveat"), "reason": ("理由", "reason"),
    # comparison of targets
    "local_id": ("本地编号", "local id"), "local_value": ("本地目标", "local target"),
    "local_unit": ("本地单位", "local unit"), "local_comparator": ("本地约束", "local bound"),
    "local_year": ("本地年份", "local year"), "reference_value": ("国家目标", "national target"),
    "reference_unit": ("国家单位", "national unit"), "reference_comparator": ("国家约束", "national bound"),
    "reference_year": ("国家年份", "national year"), "reference_document": ("国家文件", "national document"),
    # progress
    "method": ("方法", "method"), "score": ("得分", "score"), "projected_value": ("预测值", "projected value"),
    "required_annual_change": ("每年所需变化", "change needed per year"),
    "current_status_index": ("当前进展指数", "current status index"),
    "target_year": ("目标年份", "target year"), "base_year": ("基年", "base year"),
    "latest_year": ("最近年份", "latest year"), "latest_value": ("最近值", "latest value"),
    "n_observations": ("观测数", "observations"), "assessed": ("已评估", "assessed"),
    "achieved_or_on_track": ("已达标或按期", "achieved or on track"),
    "share_on_track": ("达标率", "share achieved or on track"), "mean_score": ("平均得分", "mean score"),
    "not_judged": ("无法判断", "not judged"), "achieved": ("已达标", "achieved"), "on_track": ("按期可达", "on track"),
    "off_track": ("进度落后", "off track"), "versus_national": ("与国家目标相比", "versus national target"),
    "base_value": ("首个值", "first value"), "national_status": ("全国状态", "national status"),
    "observed_rate": ("实际年变化", "observed change per year"),
    "required_rate": ("所需年变化", "required change per year"), "ratio": ("比值", "ratio"),
    "years_used": ("所用年份", "years used"),
    # growth and money
    "start": ("起点", "start"), "end": ("终点", "end"), "start_year": ("起始年份", "start year"),
    "end_year": ("终止年份", "end year"), "intervals": ("间隔数", "intervals"),
    "average_increment": ("年均增长额", "average increase per year"),
    "stated_average_increment": ("原文年均增长额", "stated average increase per year"),
    "divisor_implied_by_statement": ("原文所用除数", "divisor the text used"),
    "cagr_pct": ("年均增长率（%）", "compound yearly growth (%)"),
    "total_change_pct": ("总增幅（%）", "total change (%)"), "urban": ("城镇", "urban"), "rural": ("农村", "rural"),
    "urban_rural_ratio": ("城乡收入比", "urban/rural ratio"),
    "end_in_yuan_as_printed": ("按原文（亿元）折合元", "in yuan as printed (亿元)"),
    "end_in_yuan_if_10k_yuan": ("按万元折合元", "in yuan if 万元"),
    "numerator": ("分子", "numerator"), "denominator": ("分母", "denominator"),
    "female_share_stated_pct": ("原文女性占比（%）", "female share stated (%)"),
    "female_share_recomputed_pct": ("重算女性占比（%）", "female share recomputed (%)"),
    "women": ("女性", "women"), "population": ("人口", "population"),
    "population_source": ("人口来源", "population from"),
    # childcare
    "target_rate": ("目标（每千人口托位数）", "target (places per 1,000)"),
    "places_needed": ("所需托位数", "places needed"), "current_places": ("现有托位数", "current places"),
    "gap": ("缺口", "gap"), "required_growth_pct": ("所需年增长率（%）", "growth needed per year (%)"),
    "annual_growth_required_pct": ("所需年增长率（%）", "growth needed per year (%)"),
    "actual_growth_pct": ("实际年增长率（%）", "growth seen per year (%)"),
    "occupancy": ("入托率", "occupancy"), "monthly_subsidy_yuan": ("每月补贴（元）", "monthly subsidy (yuan)"),
    "yearly_subsidy_cost_yuan": ("年补贴支出（元）", "yearly subsidy cost (yuan)"),
    "yearly_subsidy_cost_100m_yuan": ("年补贴支出（亿元）", "yearly subsidy cost (亿元)"),
    # allowances
    "central": ("中位预测", "central projection"), "low": ("下限", "low"), "high": ("上限", "high"),
    "dispersed_over_institutional": ("散居/机构比", "dispersed / institutional"),
    "institutional": ("机构养育", "institutional care"), "dispersed": ("社会散居", "dispersed care"),
    # observations
    "publisher_document": ("发布者与文件", "publisher and document"), "read_on": ("查阅日期", "read on"),
    "copy": ("副本类型", "copy"), "second_address": ("第二来源", "second copy"),
    "confidence_rule": ("可信度依据", "confidence rule"), "derivation": ("推算", "derivation"),
    "released": ("发布日期", "released"), "used": ("是否采用", "used"),
    "conflict": ("矛盾的数值", "disagreeing values"),
    "documents": ("文件", "documents"), "ids": ("观测编号", "observation ids"),
    # answers
    "zh": ("中文", "Chinese"), "en": ("英文", "English"), "evidence": ("依据", "evidence"),
    "question": ("问题", "question"), "chapters": ("相关章节", "chapters"), "better": ("方向", "better"),
    "definition_zh": ("定义", "definition (Chinese)"), "definition_en": ("定义（英文）", "definition (English)"),
    "table": ("表", "table"), "headline": ("首页要点", "headline"), "target_value": ("目标值", "target"),
})

#: Status words of every table (checks, progress, comparison), with their colour on the site.
STATUSES = _table({
    "target achieved": ("已达标", "target achieved"), "on track": ("按期可达", "on track"),
    "acceleration needed": ("需加快", "acceleration needed"), "limited progress": ("进展有限", "limited progress"),
    "deterioration": ("倒退", "deterioration"), "insufficient data": ("数据不足", "insufficient data"),
    "not assessable": ("无法评估", "not assessable"), "no local series": ("无本地数据", "no local series"),
    "pass": ("通过", "pass"), "warn": ("存疑", "warn"), "fail": ("不符", "fail"),
    "stricter": ("更严", "stricter"), "equal": ("相同", "equal"), "looser": ("更宽", "looser"),
    "not comparable": ("不可比", "not comparable"), "stated": ("原文所载", "stated"),
    "withheld": ("未公布", "withheld"),
    "implied": ("推算", "implied"), "projected": ("预测", "projected"),
    "agree": ("一致", "agree"), "differ in wording": ("措辞不同", "differ in wording"),
    "same event": ("同一事件", "same event"), "same programme": ("同一规划", "same programme"),
    "differ in value": ("数值不同", "differ in value"), "only in one": ("仅一方", "only in one"),
    "high": ("高", "high"), "medium": ("中", "medium"), "low": ("低", "low"),
})

#: The audit's checks, as the findings name them.
CHECKS = _table({
    "average increment": ("年均增长额", "average increment"), "count": ("列举计数", "stated count"),
    "disagreement": ("来源间不一致", "disagreement"), "increase": ("增幅", "increase"),
    "magnitude": ("数量级", "magnitude"), "metadata": ("元数据", "metadata"), "repetition": ("重复印刷", "repetition"),
    "report dates": ("不同日期的报告", "report dates"), "rule": ("所述规则", "stated rule"), "share": ("占比", "share"),
    "total": ("合计", "stated total"), "unit slip": ("单位错误", "unit slip"), "withheld": ("未公布", "withheld"),
    "observations": ("观测不一致", "observations disagree"),
    "baseline": ("基线对照观测", "baseline against observation"),
})

#: The audit's named rules (methods.reading.RULES, chapters.audit's table and root-cause rules): the English
#: edition keeps the name the findings' downloads use.
RULES = {name: Label(zh, name) for name, zh in {
    "sentence_repetition": "重复印出的段落", "stated_count": "所称数目", "stated_rule": "所述规则",
    "stated_total": "所述合计", "printed_change": "印出的变化量", "stated_share": "所述占比",
    "average_increment": "年均增长额", "magnitude": "数量级", "disagreement": "来源间不一致",
    "withheld": "未公布", "workforce_change": "人数变化", "publisher_field": "发布机构字段",
    "observation_conflict": "观测值矛盾", "baseline_against_observation": "基线值对照观测值",
    "unit_slip": "单位错误", "withheld_in_source": "来源未公布数值", "same_event": "同一事件的报道",
}.items()}

PLACES = _table({
    "harbin": ("哈尔滨", "Harbin"), "qingzhen": ("清镇", "Qingzhen"),
    "province": ("省级（贵州）", "province (Guizhou)"),
    "national": ("全国", "national"), "heilongjiang": ("黑龙江", "Heilongjiang"), "guizhou": ("贵州", "Guizhou"),
    "guiyang": ("贵阳", "Guiyang"), "all": ("全部", "all"),
    # the places of the source manifest (data/raw/sources.csv), as it writes them
    "Harbin, Heilongjiang": ("黑龙江省哈尔滨市", "Harbin, Heilongjiang"),
    "Qingzhen, Guiyang, Guizhou": ("贵州省贵阳市清镇市", "Qingzhen, Guiyang, Guizhou"),
    "a province (Guizhou, inferred from the programmes named)": (
        "某省（据所提项目推断为贵州）", "a province (Guizhou, inferred from the programmes named)"),
})

#: Units as the sources print them.
UNITS = _table({
    "persons": ("人", "persons"), "10k persons": ("万人", "10k persons"), "person-times": ("人次", "person-times"),
    "10k person-times": ("万人次", "10k person-times"), "yuan": ("元", "yuan"), "10k yuan": ("万元", "10k yuan"),
    "100m yuan": ("亿元", "100m yuan"), "yuan/person/month": ("元/人·月", "yuan per person per month"),
    "yuan/person/year": ("元/人·年", "yuan per person per year"),
    "10k yuan/person/year": ("万元/人·年", "10k yuan per person per year"), "%": ("%", "%"), "‰": ("‰", "‰"),
    "per 10k": ("/万", "per 10,000"), "per 100k": ("/10万", "per 100,000"),
    "percentage points": ("个百分点", "percentage points"),
    "places per 1000 people": ("个/千人", "places per 1,000 people"),
    "doctors per 1000 children": ("名/千名儿童", "doctors per 1,000 children"),
    "beds per 1000 children": ("张/千名儿童", "beds per 1,000 children"), "count": ("个", "count"),
    "10k count": ("万个", "10k count"), "km2": ("平方公里", "km²"), "10k m2": ("万平方米", "10k m²"),
    "m2": ("平方米", "m²"), "hours": ("小时", "hours"), "minutes": ("分钟", "minutes"), "days": ("天", "days"),
    "years": ("年", "years"), "age in years": ("岁", "years of age"), "times": ("倍", "times"),
    "yuan/person": ("元/人", "yuan per person"), "schools": ("所", "schools"), "places": ("个学位", "places"),
    "institutions": ("家", "institutions"),
})

DOMAINS = {d: Label(zh, d.replace("-", " ")) for d, zh in DOMAIN_ZH.items()}
DOCUMENT_KINDS = _table({"news": ("新闻报道", "news report"), "plan": ("规划文件", "plan"),
                         "speech": ("讲话", "speech")})
KINDS = {k: Label(zh, k) for k, zh in KIND_ZH.items()}
COMPARATORS = _table({">=": ("≥", "≥"), "<=": ("≤", "≤"), "=": ("=", "="), "~": ("约", "about"), "": ("", "")})
METHODS = _table({"escap": ("ESCAP", "ESCAP"), "unsd": ("UNSD/EUSTAT", "UNSD/EUSTAT"),
                  "opensdg": ("Open SDG", "Open SDG"), "linear": ("线性路径", "linear path")})

#: The publishers the national reference and the source manifest name in English (the observations table
#: names them in Chinese, as they sign).
PUBLISHERS = {en: Label(zh, en) for en, zh in {
    "National Bureau of Statistics": "国家统计局",
    "National Health Commission": "国家卫生健康委员会",
    "State Council": "国务院",
    "Ministry of Education and seven other departments": "教育部等八部门",
    "National Development and Reform Commission": "国家发展和改革委员会",
    "Ministry of Education": "教育部",
    "Ministry of Civil Affairs": "民政部",
    "Guizhou Bureau of Statistics": "贵州省统计局",
    "Harbin Bureau of Statistics": "哈尔滨市统计局",
    "Heilongjiang Bureau of Statistics": "黑龙江省统计局",
    "Harbin city newspaper (masthead not in the text; byline 本报讯, reporter 王越)":
        "哈尔滨市报纸（文中无报头；署名“本报讯”，记者王越）",
    "Harbin city newspaper (masthead not in the text; byline 本报讯, reporter 李佳琪)":
        "哈尔滨市报纸（文中无报头；署名“本报讯”，记者李佳琪）",
    "a second Harbin newspaper (masthead not in the text; byline 本报讯, reporter 李佳琪)":
        "哈尔滨另一家报纸（文中无报头；署名“本报讯”，记者李佳琪）",
    "Qingzhen Municipal People's Government (清镇市人民政府, issuer implied by the document number 清府发)":
        "清镇市人民政府（由文号“清府发”推断发文机关）",
    "not stated (a provincial leader's speech; programmes named point to Guizhou)":
        "未注明（省级领导讲话；所提项目指向贵州）",
}.items()}

#: Every catalogue a cell value may be looked up in, by the column it sits in.
VALUE_CATALOGUES: dict[str, dict[str, Label]] = {
    "region": PLACES, "scope": PLACES, "place": PLACES, "domain": DOMAINS, "kind": KINDS, "unit": UNITS,
    "local_unit": UNITS, "reference_unit": UNITS, "status": STATUSES, "verdict": STATUSES, "versus_national": STATUSES,
    "national_status": STATUSES, "confidence": STATUSES, "category": COLUMNS, "document_kind": DOCUMENT_KINDS,
    "relation": STATUSES, "rule": RULES,
    "unit_as_printed": UNITS, "series": COLUMNS, "comparator": COMPARATORS, "local_comparator": COMPARATORS,
    "reference_comparator": COMPARATORS, "method": METHODS, "check": CHECKS, "publisher": PUBLISHERS,
    "unit_a": UNITS, "unit_b": UNITS,
}

#: A report comparison's verdict for a fact one report prints and the other does not.
_ONLY_IN = re.compile(r"^only in (?P<source>\S+)$")


def column(name: str) -> Label:
    """The label of a column; a name without one is an error (a test checks every published column)."""
    try:
        return COLUMNS[name]
    except KeyError:
        raise KeyError(f"no label for column {name!r}: add it to planeval.report.labels.COLUMNS") from None


def _chinese_twin(name: str) -> Label | None:
    """The label of a column's Chinese twin (``notes_zh`` beside ``notes``): its label, said to be Chinese."""
    column = COLUMNS.get(name.removesuffix("_zh")) if name.endswith("_zh") else None
    return Label(f"{column.zh}（中文）", f"{column.en} (Chinese)") if column else None


def has_label(name: str) -> bool:
    return name in COLUMNS or name in DOMAINS or name in PLACES or _chinese_twin(name) is not None


def header(name: str) -> Label:
    """A column's label; columns named after a domain or a place (cross-tabulations) take that name, and a
    column's Chinese twin is named after it."""
    if name in COLUMNS:
        return COLUMNS[name]
    if (twin := _chinese_twin(name)) is not None:
        return twin
    if name in DOMAINS:
        return DOMAINS[name]
    if name in PLACES:
        return PLACES[name]
    return column(name)


def value(column_name: str, text: object) -> Label | None:
    """The label of a cell's value when its column has a catalogue and the value is in it."""
    if not isinstance(text, str):
        return None
    if column_name == "indicator_zh":  # names from the data, read once
        return indicator_names().get(text)
    if column_name in ("document", "documents", "publisher") and (named := published_names(text)) is not None:
        return named  # the observations' own Chinese, read once
    if column_name == "used" and (used := _used(text)) is not None:
        return used
    if column_name == "verdict" and (only := _ONLY_IN.match(text)):
        return Label(f"仅见于 {only['source']}", text)
    catalogue = VALUE_CATALOGUES.get(column_name)
    if catalogue is None:
        return None
    if text in catalogue:
        return catalogue[text]
    words = text.split(", ")  # several values of the catalogue, as a chapter lists them ("equal, stricter")
    if len(words) > 1 and all(w in catalogue for w in words):
        return Label("、".join(catalogue[w].zh for w in words), text)
    return None


@functools.cache
def indicator_names() -> dict[str, Label]:
    """Every indicator's Chinese and English name, from the catalogue (data/catalogue.csv): a table's
    indicator column shows each edition its own."""
    from planeval.data.catalogue import load_catalogue

    return {r.indicator_zh: Label(r.indicator_zh, r.indicator_en) for r in load_catalogue().itertuples()}


@functools.cache
def _observation_names() -> dict[str, str]:
    """Each document and publisher of the observations (data/observations.csv) -> its Chinese name."""
    from planeval.data.observations import load_observations_table

    table = load_observations_table()
    return {**dict(zip(table["publisher"], table["publisher_zh"], strict=True)),
            **dict(zip(table["document"], table["document_zh"], strict=True))}


def published_names(text: str) -> Label | None:
    """A document or publisher of the observations (several joined by "; ") named in each edition's language;
    None when none has a Chinese name other than its own (a source id, a researcher's document)."""
    names = _observation_names()
    if text in names:  # a name may itself hold "; "
        return Label(names[text], text)
    parts = text.split("; ")
    zh = [names.get(part, part) for part in parts]
    return Label("；".join(zh), text) if zh != parts else None


def _used(text: str) -> Label | None:
    """Whether a published observation is the one used, as the reconciliation says it (observations.reconcile)."""
    from planeval.data.observations import CHOICE_ZH, not_used

    if text in USED:
        return USED[text]
    if (m := not_used(text)) and m["rule"] in CHOICE_ZH:
        return Label(f"未采用：采用{m['id']}（{m['value']}），因为{CHOICE_ZH[m['rule']]}", text)
    return None


#: The reconciliation's words for the observation used and one that agrees with it.
USED = {"used": Label("采用", "used"),
        "agrees with the value used": Label("与采用值一致", "agrees with the value used")}


def status(word: str) -> Label:
    return STATUSES.get(word, Label(word, word))


def place(code: str) -> Label:
    return PLACES.get(code, Label(code, code))


def unit(code: str) -> Label:
    return UNITS.get(code, Label(code, code))


#: The chapters' titles, as the table of contents gives them.
CHAPTER_TITLES = {
    "01_sources": "1. 资料来源 The sources", "02_targets": "2. 规划目标 The targets",
    "03_childcare": "3. 托位 Childcare places", "04_orphan_allowance": "4. 孤儿基本生活费 Orphan allowances",
    "05_audit": "5. 数据核查 Audit of the figures", "06_progress": "6. 目标进展 Progress toward the targets",
    "07_qingzhen_baseline": "7. 清镇基本情况 Qingzhen's baseline",
    "08_harbin_services": "8. 哈尔滨服务供给 Harbin's services",
}

#: The two scopes of the targets the progress chapter assesses (its grid and chart).
SCOPES = {"local": Label("本地目标", "local targets"),
          "national": Label("国家目标（全国情况，作参照）", "national targets, for context")}

#: The link from an answer to its evidence further down the page (or in a chapter).
EVIDENCE = Label("依据", "evidence")

#: Where a parameter's value came from, as the runner records it (a parameters file is named by its file name).
ORIGINS = {
    "default": Label("默认值", "default"), "the catalogue": Label("指标目录", "the catalogue"),
    "your parameters": Label("你的参数", "your parameters"),
    "kept from your last run": Label("沿用你上次运行的参数", "kept from your last run"),
}
