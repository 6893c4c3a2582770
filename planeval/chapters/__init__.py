"""One module per chapter notebook (``notebooks/NN_<name>.ipynb`` calls ``planeval.chapters.<name>``): the
chapter's logic, so that the notebook holds only narrative, parameters and calls."""
