"""Models and downloads: the picker, the manager dialog, the download list and their controllers."""
