"""Pages of the improvement cycle and peer audits. Every view asks rules.py (on top of the
scope) on the server; services check again. Not readable: 404 (no hint it exists); readable
but not yours to change: 403; a pure beheerder: 403 everywhere, as with the comparisons."""
