"""Tests of natojp.ingest: ``test_<module>.py`` per module of the package, and
``test_hostile.py``, which feeds the hostile inputs of ``tests/fixtures/hostile`` (and
large ones generated at test time) through the whole of ingestion."""
