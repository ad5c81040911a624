"""Lexicons and word lists, kept as data files (one test each)."""
