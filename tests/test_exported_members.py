"""The public API is exactly what __all__ lists, and importing it does no work."""

from __future__ import annotations

import subprocess
import sys

import livedesk

EXPECTED = {
    "Attribution", "DateReference", "DateValue", "EmptyInput", "Entity", "Event", "Evidence",
    "Failure", "Figure", "InputError", "InputTooLarge", "KeyPoint", "LivedeskError", "Mention",
    "NoArticleFound", "Participant", "Place", "Published", "Quote", "RawDocument", "Reader",
    "Reading", "RegistryError", "ResourceError", "Sentence", "Settings", "SettingsError",
    "StageError", "__version__", "load_settings", "Desk", "Store", "StoreError", "SchemaTooNew",
}  # fmt: skip


def test_all_is_the_public_api():
    assert set(livedesk.__all__) == EXPECTED
    for name in livedesk.__all__:
        assert hasattr(livedesk, name), name


def test_errors_share_one_root():
    for name in livedesk.__all__:
        member = getattr(livedesk, name)
        if isinstance(member, type) and issubclass(member, Exception):
            assert issubclass(member, livedesk.LivedeskError), name


def test_import_loads_no_model_or_heavy_library():
    code = (
        "import sys, livedesk; "
        "print(any(m.startswith(('spacy', 'trafilatura', 'dateparser', 'thinc')) "
        "for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
