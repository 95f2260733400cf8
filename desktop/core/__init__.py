"""Everything that is not a widget. No Qt imports here (ruff TID251 and tests enforce it)."""
