"""The extractor's lexicon: every regular expression, word list and limit, with the reason for each.

Everything here is data about how the sources write figures (Chinese plans and newspaper reports,
after NFKC folding, so digits and punctuation are ASCII); nothing here reads a text. The patterns are
matched against the *normalised* text of :mod:`planeval.extract.normalise` (no whitespace, a ``\\n``
only where a line break ends a clause). Changing a pattern changes the candidates: the stored copies
of ``tests/fixtures/candidates`` and the ledger (``scripts/ledger.py``) show what moved.
"""

from __future__ import annotations

import re

# --------------------------------------------------------------------------------------------------
# Limits
# --------------------------------------------------------------------------------------------------

#: The last year before the 2021-2025 plans: figures of that year or earlier describe the baseline.
BASELINE_LAST_YEAR = 2020
#: How far (in normalised characters) the indicator phrase may reach to the left of a number: an
#: indicator name is short, and a longer reach picks up the previous statement of a run-on sentence.
MAX_LEFT = 30
#: How far a counted noun after a counter may reach (``302名儿童督导员``).
MAX_TRAIL = 12

#: A year of the plans' era; other four-digit numbers are codes, page or document numbers.
YEAR = r"(?:19|20)\d\d"

# --------------------------------------------------------------------------------------------------
# Lines, clauses and sentences (normalised text)
# --------------------------------------------------------------------------------------------------

#: Punctuation that ends a sentence or clause at the end of a line: the line break after it is kept.
SENTENCE_FINAL = "。!?;:"
#: Closing quotes and brackets that may follow the final punctuation of a line (``...。”``).
CLOSING_MARKS = "”’\"」』)》"
#: Punctuation that shows a line is running text; a line without any is a heading, title or by-line.
RUNNING_TEXT_MARKS = ",;。"
#: A list item starting a line (``1、``, ``2.``, ``(1)``, ``(一)``, ``一、``): the line before it ends.
LIST_START = re.compile(r"\(?\d{1,2}[、.)](?!\d)|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、")

#: A clause ends at a comma, semicolon, colon, full stop, ! ? or a kept line break.
CLAUSE_BREAK = re.compile("[,;:。!?\n]")
#: A sentence ends at a full stop, ! ? or a kept line break (not at commas).
SENTENCE_BREAK = re.compile("[。!?\n]")
#: The scope a subject may be borrowed in: a sentence, cut at semicolons too (a semicolon separates
#: statements with subjects of their own, such as the items of a plan's list of targets).
SCOPE_BREAK = re.compile("[。!?\n;]")

# --------------------------------------------------------------------------------------------------
# Numbers that are not values (reason hints)
# --------------------------------------------------------------------------------------------------

#: Reason hint of a number inside a quoted name or a title.
QUOTED_NAME = "inside a quoted name or title"
#: What makes a quoted text a statement of a value rather than a name (“达到30%以上”).
QUOTED_STATEMENT = re.compile(r"[,;]|达到|控制在|降至|降到|提高到|提高至|增至|不低于|不少于|不超过|至少")
#: Spans of the text whose numbers are not values, each with the reason hint (a number overlapping
#: several spans gets the reason of the one that starts first: :func:`planeval.extract.parse.skip_reason`).
SKIP_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # names of campaigns and titles of documents: “15分钟健身圈”, 《...(2016-2020年)》
    (re.compile(r"[“\"「『][^“”\"「」『』\n。]{1,40}[”“\"」』]|《[^《》\n]{1,80}》"), QUOTED_NAME),
    # 清府发〔2022〕12号
    (re.compile(rf"[〔\[(]{YEAR}[〕\])]第?\d+号"), "document number"),
    # landlines with an area code and mobile numbers (hotlines, box offices)
    (re.compile(r"(?<![\d.])(?:0\d{2,3}-\d{7,8}|1[3-9]\d{9})(?!\d)"), "phone number"),
    # 2023.6.9, 2023-06-09
    (re.compile(rf"(?<![\d.]){YEAR}[-./](?:0?[1-9]|1[0-2])[-./](?:0?[1-9]|[12]\d|3[01])(?![\d.])"), "date"),
    # 9:30, 14时 (but not 时间, 时期, 时代)
    (re.compile(r"(?<![\d.])\d{1,2}:\d{2}(?![\d:])|(?<![\d.])\d{1,2}时(?![间期代])"), "time of day"),
    # 2021-2025年, 2016至2020
    (re.compile(rf"(?<![\d.]){YEAR} ?[-—–~至到] ?{YEAR}年?(?!\d)"), "plan period or range of years"),
    # 7月13日, 2022年7月, 5\n月31日 (a dateline broken across lines), 6月份; not 6月龄 (an age)
    (re.compile(rf"(?<![\d.])(?:{YEAR}年(?:度)?)?\d{{1,2}}\n?月(?!龄)(?:\d{{1,2}}日|份|底|初)?|(?<=月)\d{{1,2}}日"),
     "date"),
    # 2022年, 2022年度, 1990年代
    (re.compile(rf"(?<![\d.]){YEAR}年(?:度|代)?"), "year"),
    # 第22个, 第3次
    (re.compile(r"第\d+"), "ordinal"),
    # 1、 2. 3) at the start of a line, (1) anywhere
    (re.compile(r"(?:^|(?<=\n))\(?\d{1,2}[、.)](?!\d)|\(\d{1,2}\)"), "list or section number"),
    # 3+3, 1+X, 5+2 (names of schemes, not sums)
    (re.compile(r"\d+(?:\.\d+)?\+(?:\d+(?:\.\d+)?)?|\+\d+"), "name with + (e.g. 3+3, 1+X)"),
    # 12号 (a number or an address)
    (re.compile(r"(?<![\d.])\d+号"), "number or address (号)"),
    # codes such as G20, 5G, 3A; not areas written m2 or km2
    (re.compile(r"[A-Za-z]\d+|\d+(?:\.\d+)?(?!m2|km2)[A-Za-z]"), "code or name with letters"),
]
#: Ages and age ranges: part of an indicator's name (5岁以下儿童, 0-6岁, 6-36月龄) unless a verb says
#: they are the value (寿命达到81.8岁).
AGE = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?:[-—–~至到]\d+)?(?:周岁|岁|月龄)")
#: Words just before an age that make it a value.
AGE_VALUE_BEFORE = re.compile(r"(?:达到|达|为|提高到|提高至|增至|延长至|延长到|突破|寿命)$")
#: An age printed with decimals (77.37岁) is a value: the ages in indicator names are whole years.
AGE_DECIMAL = re.compile(r"\d+\.\d+(?:周岁|岁)")
#: Ages in months are always part of a name (6-36月龄婴幼儿).
AGE_IN_NAME_ALWAYS = "月龄"

# --------------------------------------------------------------------------------------------------
# Value expressions: numbers, units, bound words, lists
# --------------------------------------------------------------------------------------------------

#: A number as printed: withheld (``*`` to ``***``), with thousands separators (1,271) or plain.
NUMBER = re.compile(r"\*{1,3}|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])|\d+(?:\.\d+)?")
#: A Chinese numeral (read only with ``chinese_numerals=True``: 三所, 十个; noisy in running text).
CHINESE_NUMBER = re.compile(r"[零〇一二两三四五六七八九十百千]+")
#: The unit of a quantity that has no unit in the vocabulary (亩, 公里, 个月): the number is left out.
UNIT_OUTSIDE_VOCABULARY = "-"
#: Reason hint of such a number.
NO_VOCABULARY = "unit not in vocabulary"
#: Units as printed and their names in :data:`planeval.data.vocab.UNITS`, tried in order at the end of
#: a number: longer forms first (万人次 before 人次 before 万人; 个百分点 before 个); the multipliers
#: 万/亿 belong to the unit (62.91万人 is 62.91 ``10k persons``).
UNIT_ALTERNATIVES: list[tuple[str, str]] = [
    (r"/10万|/十万", "per 100k"),
    (r"/万", "per 10k"),
    (r"%", "%"),
    (r"‰", "‰"),
    (r"个百分点|百分点", "percentage points"),
    # durations in months, areas in mu, lengths and weights, bare 亿: quantities with no vocabulary unit
    (r"个月|个工作日|周年|万亩|亩|公里|千米|米|公斤|千克|吨|亿(?![元人])", UNIT_OUTSIDE_VOCABULARY),
    (r"万人次", "10k person-times"),
    (r"人次", "person-times"),
    (r"万(?:余|多)?(?:人|名)", "10k persons"),
    (r"亿(?:余|多)?元", "100m yuan"),
    (r"万(?:余|多)?元", "10k yuan"),
    (r"元", "yuan"),
    (r"万(?:平方米|m2)", "10k m2"),
    (r"平方公里|平方千米|km2", "km2"),
    (r"平方米|m2", "m2"),
    (r"万(?:个|所|家|项|件|次|张|户|套|台|册|条)", "10k count"),
    # 3000万妇女: 万 before a population noun counts persons
    (r"万(?=学生|儿童|妇女|女性|农民|群众|居民|职工|老人|青少年|户)", "10k persons"),
    (r"小时", "hours"),
    (r"分钟", "minutes"),
    (r"天", "days"),
    (r"日", "days"),
    (r"年", "years"),
    (r"周岁|岁", "age in years"),
    (r"倍", "times"),
    (r"名|人|位", "persons"),
    (r"台\(套\)|个|项|所|家|次|张|件|起|批|座|台|套|处|条|支|户|篇|辆|场|例|册|间|乡|镇", "count"),
]
#: All units in one pattern; the group that matched (``u<index>``) names the unit.
UNIT = re.compile("|".join(f"(?P<u{i}>{p})" for i, (p, _) in enumerate(UNIT_ALTERNATIVES)))
#: 余/多 between a number and its unit: more than the number printed (300余所, 2万多人).
APPROX_BEFORE_UNIT = re.compile(r"余|多(?=[个项所家名次人元万亿年天])")
#: The period of money per person after the unit: 元/人·月, 元/月, 元/生·学年.
PER_PERIOD_SUFFIX = re.compile(r"/(?:人[·・•.]?|人/|生[·・•.]?)?(月|学年|年)")
#: Bound words after the unit (以上, 以下, 左右, ...); bare 内 only after a duration (30分钟内).
BOUND_AFTER = re.compile(r"以上|以下|以内|之内|左右|上下|及以上|及以下|内")
#: Units after which a bare 内 means "within".
TIME_UNITS = {"hours", "minutes", "days", "years"}
#: A word joining a number to the next one of a list or range: a number with no unit of its own
#: before it may take the unit printed once at the end (3.0、4.0和6.0‰).
CONNECTOR = re.compile(r"(?:、|和|及|与|或|以及|至|到|-|—|–|~)(?=\*|\d)")
#: The connectors that make a range (two rows, >= and <=) rather than a list.
RANGE_CONNECTORS = {"至", "到", "-", "—", "–", "~"}
#: What may stand between two values of one group: a connector, after a short qualifier in
#: parentheses that belongs to the value before it (640元(城市)和440元(农村)).
LIST_JOIN = re.compile(r"(?:\([^()\d]{1,6}\))?(以及|[、和及与或至到~—–-])")
#: Units that count something: a noun after them says what (302名儿童督导员).
COUNT_UNITS = {"count", "10k count", "persons", "10k persons", "person-times", "10k person-times"}

# --------------------------------------------------------------------------------------------------
# The left context: subject, verbs, bound words
# --------------------------------------------------------------------------------------------------

#: Words between an indicator and its number, removed from the end of the left context one at a time
#: (lookbehinds keep words that merely end with one of them: 人均, 行为, 公共, 存在); the last
#: alternative removes a year (到2025年底).
TAIL_WORDS = "|".join("""
    分别 (?<![人年日月户])均 各 总体 总计 共计 合计 累计 共有 现有 (?<![公节])约 大约 将近 (?<![最附])近 将 要
    已经 已 再 还 继续 全部 逐步 稳定 保持 维持 持续 进一步 平均 的 了 之前 原来 由 从 (?<![行作认成])为 是
    达到 (?<![到表传下送])达 (?<![存现所实])在 至 到 提高到 提高至 提升到 提升至 增至 增加到 增加至
    增长到 增长至 上升到 上升至 降至 降低到 降低至 降到 下降到 下降至 减少到 减少至 减至 控制在 保持在
    稳定在 维持在 不低于 不少于 不超过 不高于 不大于 不小于 至少 超过 突破 高于 低于 多于 少于 大于 小于
    增加 增长 提高 提升 上升 下降 降低 减少 拥有 有 每人每月 每生每月 每人每学年 每生每学年 每人每年
    每生每年 每月 每学年 今年 去年 明年 本年
""".split() + [rf"(?:到|至|截至|截止到|截止|于|在)?{YEAR}年(?:底|末|初)?"])
#: One tail word at the end of a left context.
TAIL = re.compile(rf"(?:{TAIL_WORDS})$")
#: What starts a clause without being part of the subject: list numbers, joining words, adverbs of
#: intent, the speaker (我市, 我省), time (到2025年底, 今年), a qualifier in parentheses.
LEAD = re.compile(
    rf"^(?:\([^()]{{1,4}}\)|[、和及与(/]|以及|其中|另外|同时|此外|并且|并|推动实现|努力实现|实现|确保|力争|努力|争取|保证|我市|我省|哈市|"
    rf"(?:到|至|截至|截止到|截止)?{YEAR}年(?:底|末|初)?|今年|去年|明年|下一步|十三五期间|"
    r"\d{1,2}[、.](?!\d)|[一二三四五六七八九十]{1,3}、)+"
)
#: A change rather than a level just before the number (增幅达10%, 同比下降15.82%, 比2010年降低43.7%,
#: 年均增长2141.4元, 以2020年为基数下降18%); ``chg`` is the change word with its base.
CHANGE = re.compile(
    rf"(?P<chg>(?:以{YEAR}年为基数|以现行费率为基础|(?:比|较)(?:{YEAR}年(?:底|末)?|上年|去年)(?:同期)?|同比|环比|年均|每年|"
    r"平均)?"
    r"(?:增幅|降幅|涨幅|增速|增长|增加|提高|提升|上升|下降|降低|减少|下调|上调))(?:分别)?(?:达到|达|为|了)?$"
)
#: Money per person and period printed before the number (每人每月600元, 每月300元).
PER_PERIOD_PREFIX = re.compile(r"每(?:人|生)每(月|学年|年)|每(月|学年)")
#: Bound words before a number: (word, comparator, note). The notes keep the strict bounds (超过 is
#: "more than") that the comparator ``>=`` rounds off.
BOUND_BEFORE: list[tuple[str, str, str]] = [
    ("不低于", ">=", ""), ("不少于", ">=", ""), ("不小于", ">=", ""), ("至少", ">=", ""),
    ("超过", ">=", "source says 超过 (more than)"), ("突破", ">=", "source says 突破 (more than)"),
    ("高于", ">=", "source says 高于 (more than)"),
    ("多于", ">=", "source says 多于 (more than)"), ("大于", ">=", "source says 大于 (more than)"),
    ("不超过", "<=", ""), ("不高于", "<=", ""), ("不大于", "<=", ""),
    ("低于", "<=", "source says 低于 (less than)"), ("少于", "<=", "source says 少于 (less than)"),
    ("小于", "<=", "source says 小于 (less than)"),
    ("控制在", "<=", ""),
    ("约", "~", ""), ("大约", "~", ""), ("近", "~", "source says 近 (nearly)"), ("将近", "~", ""),
]
#: A bound word a little before the number, with words between (每年至少组织2次); one-character
#: words (约, 近) only count right before the number, where they are not part of another word.
FAR_BOUND = re.compile("|".join(sorted((w for w, _, _ in BOUND_BEFORE if len(w) > 1), key=len, reverse=True)))
#: Verbs that set a ceiling in a target (降至14/10万: at most).
CEILING_VERBS = ("降至", "降低到", "降低至", "降到", "下降到", "下降至", "减少到", "减少至", "减至")
#: Verbs that set a floor in a target (提高到95%: at least).
FLOOR_VERBS = ("达到", "达", "增至", "提高到", "提高至", "提升到", "提升至", "增加到", "增加至", "增长到",
               "增长至", "上升到", "上升至", "保持在", "稳定在", "维持在")
#: Comparators of the bound words after a value.
BOUND_AFTER_COMPARATOR = {"以上": ">=", "及以上": ">=", "以下": "<=", "及以下": "<=", "以内": "<=", "之内": "<=",
                          "内": "<=", "左右": "~", "上下": "~"}

# --------------------------------------------------------------------------------------------------
# Year and kind
# --------------------------------------------------------------------------------------------------

#: A year printed in the sentence (2022年), or a year relative to the document date (今年, 去年).
YEAR_MENTION = re.compile(rf"(?<![\d.])({YEAR})年|今年|去年|明年|本年")
#: Base years of a comparison: not the year of the value (以2020年为基数下降18%, 比2010年降低).
BASE_YEAR = re.compile(rf"以{YEAR}年为基(?:数|期|准)|比{YEAR}年|较{YEAR}年|{YEAR}年以来|自{YEAR}年")
#: The year a target is set for (到2025年, 至2030年).
TARGET_YEAR = re.compile(rf"(?:到|至)({YEAR})年")
#: Numbers that count the plans' own targets, indicators or revisions (97项主要目标): claims.
CLAIM = re.compile(r"主要目标|支持性目标|策略措施|量化指标|发展领域|目标任务|修改")
#: Words of the clause that make a value a target (力争, 确保, 控制在, 将达到 ...; 完成 unless 已完成).
TARGET_CUES_CLAUSE = re.compile(
    r"力争|争取|确保|保证|目标|预计|控制在|将达到|将提高|将增加|将实现|努力实现|(?<![已经])完成"
)
#: Words of the sentence that make a value a target (下一步, 预计, 要 at the start of a clause).
TARGET_CUES_SENTENCE = re.compile(r"力争|争取|下一步|预计|将达到|将提高|将增加|将实现|努力实现|(?:^|[,:])要")
#: Words of the clause that make a value reported: achievements, spending, settings, comparisons.
REPORTED_CUES = re.compile(
    r"提高到|提高至|增幅|累计|投入|发放|设置|已|共有|总计|获评|同比|截至目前|近年来|建立|组建|新建|消除|曝光|公布"
)
#: Words of the sentence that place a value in the baseline period.
BASELINE_PERIOD = re.compile(rf"截至{BASELINE_LAST_YEAR}年|十三五期间")
#: A plan period (2021-2025年): its years are not the year of a value.
PLAN_PERIOD = re.compile(rf"({YEAR}) ?[-—–~至] ?({YEAR})年?")
#: The date of a plan in its header (成文日期: 2022-07-20), used when no document date is given.
HEADER_DATE = re.compile(rf"(?:成文日期|发布日期|发布时间|日期)[:| ]*({YEAR})-(\d{{1,2}})-(\d{{1,2}})")
#: How far into the text the header date is looked for.
HEADER_LENGTH = 2000
#: Headings of a plan: 一、 starts a section (二、基本情况 is the baseline) ...
HEADING_TOP = re.compile(r"^[一二三四五六七八九十]+、")
#: ... (一) a subsection, which ends a list of targets.
HEADING_SUB = re.compile(r"^\([一二三四五六七八九十]+\)")
#: The heading of a list of targets, and of the measures that follow it.
TARGETS_HEADING = re.compile(r"^主要目标:?$")
MEASURES_HEADING = re.compile(r"^策略措施:?$")
#: A heading is a short line without sentence punctuation.
HEADING_MAX_LENGTH = 40
HEADING_PUNCTUATION = ",。;"

# --------------------------------------------------------------------------------------------------
# Subjects: distributing over several values, trailing nouns, per-capita prefixes, units
# --------------------------------------------------------------------------------------------------

#: Words joining the items of a subject (新生儿、婴儿和5岁以下儿童死亡率).
ITEM_SPLIT = re.compile(r"以及|、|和|及|与")
#: Population nouns: the item 城镇 of 城镇和农村居民人均可支配收入 replaces the noun 农村.
POPULATION_NOUNS = re.compile(
    r"婴幼儿|新生儿|婴儿|儿童|幼儿|孤儿|女童|少年|妇女|女性|孕产妇|小学生|初中生|高中生|学生|城市|农村|城镇|城乡|"
    r"社区|村|家庭|居民|人口"
)
#: The endings of a complete indicator name (a rate, a number, a standard, an amount ...).
COMPLETE_INDICATOR = re.compile(r"(?:率|数|标准|比例|比重|占比|费|金|额|量|水平|面积|收入|支出|寿命|年限|时间)$")
#: A per-capita prefix printed once for several values (每千名儿童拥有...医生达到1.12名、床位增至3.17张).
PER_CAPITA = re.compile(r"^每[千万百](?:名儿童|名|人口|人)(?:拥有)?")
#: Where the noun after a counter ends (302名儿童督导员, 组成...): punctuation, digits, conjunctions, verbs.
TRAIL_STOP = re.compile(
    r"[,;:。!?\n、“”\"()《》\d*]|和|及|与|或|等|了|获评|实现|达到|全部|已|将|组成|开设|的|为|是"
)
#: Where the noun after 的 ends (90%的城市社区): punctuation, digits, conjunctions.
TRAIL_OF_STOP = re.compile(r"[,;:。!?\n、“”\"()《》\d*]|和|及|与|或")
#: What money may be for, printed after the amount (1万元助学金).
FUND_NOUN = re.compile(r"助学金|资金|经费|补助|补贴|奖励|奖金")
#: An age range that begins the noun a counter counts (1.2万名0-3岁婴幼儿).
AGE_QUALIFIER = re.compile(r"\d+(?:[-—–~至到]\d+)?(?:周岁|岁|月龄)(?:以下|以上|及以下|及以上)?")
#: Per-capita densities of childcare places (每千人口拥有3岁以下婴幼儿托位数).
PER_THOUSAND_PEOPLE = re.compile(r"每千(?:人口|人)")
#: A unit that says it is per person (元/人·月); without it, 元/月 is assumed to be per person.
PER_PERSON_IN_UNIT = re.compile(r"/[人生]")
#: Joining words and 的 left at either end of an indicator phrase.
INDICATOR_EDGES = re.compile(r"^[、,和及与的]+|[、,和及与的]+$")
