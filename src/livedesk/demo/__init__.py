"""Bundled demo reports written by the livedesk team."""
