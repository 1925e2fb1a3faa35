"""The top of the site: the base template and styles every page extends, the home page, and /healthz."""
