"""Candidate figures from the source texts: text in, candidate rows out.

The extractor reads a plan or a news page and proposes one *candidate* row per number that states a
quantity (a value with a unit), in the vocabulary of :mod:`planeval.data.vocab`. It is the first step of
the completeness ledger (:mod:`planeval.extract.ledger`): every candidate must later either match a
curated row of ``data/indicators.csv`` or be excluded with a reason. It is a proposer, not a judge:
``indicator_zh``, ``kind``, ``comparator`` and ``year`` are *guesses* from the words around the number.

The package, one job per module:

* :mod:`~planeval.extract.normalise` -- decoding, folding, the normalised text and its offset map;
* :mod:`~planeval.extract.lexicon` -- the regular expressions, word lists and limits;
* :mod:`~planeval.extract.document` -- a document's boundaries, sections, plan period and date;
* :mod:`~planeval.extract.parse` -- value expressions: numbers, units, multipliers, ranges, lists;
* :mod:`~planeval.extract.guess` -- subjects from the left context, subject inheritance, year, kind,
  comparator;
* :mod:`~planeval.extract.candidates` -- the :class:`Candidate` rows, duplicates, the CSV and
  :func:`extract`, a pipeline of the named phases;
* :mod:`~planeval.extract.ledger` -- the completeness ledger;
* :mod:`~planeval.extract.cli` and :mod:`~planeval.extract.bench` -- the commands.

>>> [(c.indicator_zh, c.value, c.unit, c.comparator) for c in extract("孕产妇死亡率控制在14/10万以内。")]
[('孕产妇死亡率', '14', 'per 100k', '<=')]
"""

from planeval.extract.candidates import FIELDS, Candidate, extract, write_csv
from planeval.extract.normalise import decode_source, read_source

__all__ = [
    "FIELDS",
    "Candidate",
    "decode_source",
    "extract",
    "read_source",
    "write_csv",
]
