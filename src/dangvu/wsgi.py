"""The WSGI entry point, for waitress (`dangvu serve`) or any other WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvu.settings")
application = get_wsgi_application()
