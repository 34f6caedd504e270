"""Input and output, kept apart from the cleaning logic."""
