"""The Settings dialog, its pages and its controller."""
