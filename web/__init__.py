"""The officer web interface, public form and JSON API: see the web issue. Nothing here yet."""
