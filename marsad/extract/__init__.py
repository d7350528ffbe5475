"""Extractors that read a prepared document and add findings (times, ...) to its Analysis."""
