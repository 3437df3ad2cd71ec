"""The national synthesis of a period (issue 22, item 5): figures.py reads, pdf.py and
word.py render; the documents app makes it off the request (ADR 0016)."""
