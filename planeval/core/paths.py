"""Every path the project uses, anchored to the package (never to the working directory)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: The data folder; ``PLANEVAL_DATA`` names a copy elsewhere (the benchmark edits a copy, never the data;
#: the kernels inherit the variable, so that chapters and pages read the same copy).
DATA_ENV = "PLANEVAL_DATA"
DATA = Path(os.environ[DATA_ENV]).resolve() if os.environ.get(DATA_ENV) else ROOT / "data"
RAW = DATA / "raw"
EXTERNAL = DATA / "external"
SOURCES_CSV = RAW / "sources.csv"
INDICATORS_CSV = DATA / "indicators.csv"
REFERENCE_CSV = EXTERNAL / "national_reference.csv"
EXCLUSIONS_CSV = DATA / "extraction_exclusions.csv"
DATAPACKAGE_JSON = DATA / "datapackage.json"
CATALOGUE_CSV = DATA / "catalogue.csv"
OBSERVATIONS_CSV = DATA / "observations.csv"
PLACES_DIR = DATA / "places"
EXAMPLE_OBSERVATIONS_CSV = DATA / "examples" / "my_observations.csv"
NOTEBOOKS = ROOT / "notebooks"
LIBRARY = ROOT / "planeval"
BOOK = ROOT / "book"
CHAPTERS_OUT = BOOK / "chapters"  # the executed chapters the site is built from
GENERATED = BOOK / "_generated"  # pieces the pages include, and the downloads folder
TOC = BOOK / "_toc.yml"
CONFIG = ROOT / "_config.yml"
BUILD = ROOT / "_build"
RESULTS = BUILD / "results"
FAILED = BUILD / "failed"
SITE_WORK = BUILD / "site"  # Sphinx's output and environment, kept between builds
HTML = BUILD / "html"  # the published site
