# IPEC Portfolio: one image for the web app, the Celery worker and Celery beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=ipec.settings.production

# WeasyPrint renders the evaluation reports with Pango, HarfBuzz and fontconfig;
# DejaVu and Liberation fonts cover Latin, with accents, for EN/FR/ES reports.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 libfontconfig1 \
        fonts-dejavu-core fonts-liberation2 postgresql-client curl \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 1000 app
WORKDIR /app

COPY requirements.txt .
RUN pip install -r requirements.txt

COPY --chown=app:app . .

# Static files are collected at build time and served by WhiteNoise. The values below
# only let the production settings load for this step; real ones come at run time.
RUN SECRET_KEY=build-only-not-secret-build-only-not-secret-build-only-0123456789 \
    DATABASE_URL=postgres://build@localhost/build REDIS_URL=redis://localhost:6379/0 ALLOWED_HOSTS=build \
    python manage.py collectstatic --no-input \
    && mkdir -p /app/media && chown app:app /app/media

USER app
EXPOSE 8000
CMD ["gunicorn", "ipec.wsgi:application", "--config", "ipec/gunicorn.conf.py"]
