"""The learned signal: a sentence classifier per requirement, trained on labelled real reports.

`features` turns a sentence into the model's features (shared by training and scoring,
so both see the same thing); `model` loads the shipped weights and scores sentences
with no scikit-learn at run time; `train` fits the weights from the real-text corpus
(`fazhi learn train`) and cross-validates what the signal adds (`fazhi learn cv`).
"""
