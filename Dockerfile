# One image for web (gunicorn), worker and beat; docker-compose.yml picks the command.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint's native libraries (Pango, HarfBuzz) and fonts with Latin, Romanian, Italian and
# Simplified Chinese glyphs for the PDF exports.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 \
        fonts-dejavu-core fonts-noto-core fonts-noto-cjk shared-mime-info \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 app
WORKDIR /app

# Dependencies first, so that a code change does not reinstall them.
COPY pyproject.toml README.md ./
RUN pip install .

COPY --chown=app:app . .

# Static files are collected into the image and served by WhiteNoise (compressed, hashed names),
# so the build uses the production storage: DEBUG off, a throw-away key used only here.
RUN DJANGO_DEBUG=false DJANGO_SECRET_KEY=collectstatic-only-not-used-at-run-time \
    python manage.py collectstatic --noinput -v0 \
    && mkdir -p /app/var/media \
    && chown -R app:app /app/var

USER app
# Everything the app writes goes under /app/var (the SQLite file only without DATABASE_URL).
ENV MEDIA_ROOT=/app/var/media \
    STATIC_ROOT=/app/staticfiles \
    CXASSESS_SQLITE_PATH=/app/var/db.sqlite3 \
    EMAIL_FILE_PATH=/app/var/mail
EXPOSE 8000

# The web command; the worker and beat services override it.
CMD ["sh", "-c", "python manage.py migrate --noinput && exec gunicorn cxassess.wsgi:application --bind 0.0.0.0:8000 --access-logfile -"]
