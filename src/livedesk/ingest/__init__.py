"""Ingest: read raw reports (text, HTML, JSONL), clean them, find when they were published."""
