"""Comparison pages: those of one period, the trend, and the assessment of one report."""
