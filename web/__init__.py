"""The officer web interface (Flask): build it with ``web.app.create_app``."""
