"""Reads for the comparison pages, one module per page; what they share is in `entries`."""
