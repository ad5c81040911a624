"""Brief: rank what a report (or the desk) says into key points."""
