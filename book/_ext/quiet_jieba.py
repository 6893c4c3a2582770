"""Sphinx extension: silence jieba's start-up chatter so the strict build sees a clean stderr.

Sphinx's Chinese search splitter imports jieba, which logs "Building prefix dict ..." to stderr at
INFO level; the build treats any stderr output as a failure, so only jieba's warnings are kept.
"""

import logging


def setup(app):
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
