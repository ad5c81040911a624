"""The store: the only package that knows SQL. SQLite by default, one file per desk."""

from __future__ import annotations

from livedesk.store.errors import SchemaTooNew, StoreError
from livedesk.store.sqlite import AddResult, Page, Store

__all__ = ["AddResult", "Page", "SchemaTooNew", "Store", "StoreError"]
