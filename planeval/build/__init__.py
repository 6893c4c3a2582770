"""Turning the chapters into the website: parameters, the runner (cache, execution, files, command line),
the generated pages, the workbook and the Sphinx build. Nothing here is part of a chapter's cache key."""
