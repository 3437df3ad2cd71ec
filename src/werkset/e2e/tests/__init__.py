"""The end-to-end journeys."""
