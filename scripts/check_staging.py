"""Check a staging CSV of figures (used while the figures table is being read from the sources)."""
import csv, sys
from pathlib import Path
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from planeval.vocab import KINDS, COMPARATORS, REGIONS, DOMAINS, UNITS, STATUSES
from planeval.quotes import quote_in, squeeze, number_of

COLS = "id,source,region,domain,indicator_zh,indicator_en,kind,value,value_text,unit,comparator,year,status,quote,notes".split(",")
src = {"s" + p.name[:3]: p.read_text(encoding="utf-8") for p in (ROOT / "data/raw").glob("0*.txt")}
bad = 0
for path in sys.argv[1:]:
    with open(path, encoding="utf-8", newline="") as f:
        r = csv.DictReader(f)
        if r.fieldnames != COLS:
            print(f"{path}: header must be exactly {COLS}, got {r.fieldnames}"); bad += 1; continue
        for n, row in enumerate(r, start=2):
            def err(msg):
                global bad; bad += 1; print(f"{path}:{n} {row['id']}: {msg}")
            if row["source"] not in src: err(f"source {row['source']!r} not one of {sorted(src)}"); continue
            for col, allowed in (("kind", KINDS), ("comparator", COMPARATORS), ("region", REGIONS),
                                 ("domain", DOMAINS), ("unit", list(UNITS)), ("status", STATUSES)):
                if row[col] not in allowed: err(f"{col}={row[col]!r} not in {list(allowed)}")
            if not quote_in(row["quote"], src[row["source"]]): err(f"quote not found in source: {row['quote']!r}")
            if squeeze(row["value_text"]) not in squeeze(row["quote"]): err(f"value_text {row['value_text']!r} not in quote")
            if row["status"] == "withheld":
                if row["value"] != "": err("withheld row must have empty value")
            else:
                try:
                    if abs(number_of(row["value_text"]) - float(row["value"])) > 1e-9: err(f"value {row['value']} != value_text {row['value_text']!r}")
                except ValueError as e: err(f"value/value_text: {e}")
            if not row["year"].isdigit() and row["year"] != "": err(f"year {row['year']!r} not a year")
            if not row["indicator_zh"] or not row["indicator_en"]: err("indicator_zh and indicator_en required")
print("OK" if not bad else f"{bad} problems")
sys.exit(1 if bad else 0)
