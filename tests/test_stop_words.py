"""natojp._stop_words: scikit-learn's English stop words, without importing it."""

from __future__ import annotations

import subprocess
import sys

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS as SKLEARN

from natojp._stop_words import ENGLISH_STOP_WORDS


def test_the_list_is_scikit_learns() -> None:
    assert ENGLISH_STOP_WORDS == SKLEARN
    assert "the" in ENGLISH_STOP_WORDS and "nato" not in ENGLISH_STOP_WORDS


def test_reading_it_imports_no_scikit_learn() -> None:
    code = "import sys, natojp._stop_words; print('sklearn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
