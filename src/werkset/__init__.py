"""werkset: de Werkset Indicatoren Kwaliteit en Impact van Veiligheid Voorop als webapplicatie."""

__version__ = "0.1.0"
