"""Understand: per-report facts — entities, events, figures, quotes, dates."""
