"""The parts of quote matching: normalisation, editorial marks, passage search, visible page text."""
