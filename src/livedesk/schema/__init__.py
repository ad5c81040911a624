"""JSON Schema of the public reading contract."""
