"""The local API server's switch and settings page, and its controller."""
