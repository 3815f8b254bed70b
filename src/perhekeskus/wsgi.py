import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "perhekeskus.settings")
# A web server must not run on the development key, whichever WSGI server loads us.
os.environ.setdefault("PERHEKESKUS_REQUIRE_SECRET_KEY", "true")
application = get_wsgi_application()
