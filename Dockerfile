# IPEC Portfolio: one image for the web app, the Celery worker, Celery beat and the one-off
# jobs (migrate, backup, restore). docs/operations.md says how to run it.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=ipec.settings.production \
    MEDIA_ROOT=/app/media

# WeasyPrint renders the evaluation reports with Pango, HarfBuzz and fontconfig; DejaVu and
# Liberation fonts cover Latin with accents, for EN/FR/ES reports. postgresql-client is
# PostgreSQL 15 on bookworm, the same major version as the postgres:15 service, so
# ops/backup.sh and ops/restore.sh can run in this image. curl is for the health check.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1 \
        fonts-dejavu-core fonts-liberation2 postgresql-client curl \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 app
WORKDIR /app

COPY requirements.txt .
RUN pip install -r requirements.txt

# The code belongs to root: the app user can read it but not change it.
COPY . .

# collectstatic loads the production settings (for WhiteNoise's compressed, hashed files),
# which refuse to start without these variables. They are set for this one command only,
# not with ENV or ARG, so they are not part of the image and never reach a running
# container; nothing connects to the database or Redis while static files are collected.
RUN SECRET_KEY=build-only-not-secret-build-only-not-secret-build-only-0123456789 \
    DATABASE_URL=postgres://build@build.invalid/build REDIS_URL=redis://build.invalid:6379/0 \
    ALLOWED_HOSTS=build.invalid python manage.py collectstatic --no-input
# The translation catalogues (.po) compiled to .mo; this needs no production setting.
RUN DJANGO_SETTINGS_MODULE=ipec.settings.base python manage.py compile_catalogues

# The only places the app writes: the stored files, and backups when /backups is mounted.
RUN mkdir -p /app/media /backups && chown app:app /app/media /backups

USER app
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
    CMD ["curl", "--fail", "--silent", "--output", "/dev/null", "http://localhost:8000/healthz"]
CMD ["gunicorn", "ipec.wsgi:application", "--config", "ipec/gunicorn.conf.py"]
