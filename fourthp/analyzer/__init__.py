"""Pure-Python analysis of statute text: reading source formats and splitting
documents into sections. Nothing in this package depends on Django."""
