"""werkset: de Werkset Indicatoren Kwaliteit en Impact van Veiligheid Voorop als webapplicatie."""
