#!/bin/sh
# Back up the database and the stored files (evidence files, evaluation reports).
#
#   ops/backup.sh DEST              DATABASE_URL and MEDIA_ROOT from the environment
#
# Writes DEST/<UTC time>/ with database.dump (pg_dump custom format), media.tar.gz and
# SHA256SUMS, and prints that folder's path. The database is dumped first: every file the
# dump refers to was written before it, so it is in the archive. A backup interrupted
# half-way stays in a *.partial folder and is never taken for a complete one.
set -eu

dest=${1:?usage: ops/backup.sh DEST}
: "${DATABASE_URL:?DATABASE_URL must be set}"
: "${MEDIA_ROOT:?MEDIA_ROOT must be set}"
# libpq reads postgres:// and postgresql:// URLs; dj-database-url also allows pgsql://.
database_url="postgresql://${DATABASE_URL#*://}"

umask 077 # password hashes and personal data: readable by the owner only
stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$dest/$stamp.partial"
cd "$dest/$stamp.partial"

pg_dump --format=custom --file=database.dump --dbname="$database_url"
tar --create --gzip --file=media.tar.gz --directory="$MEDIA_ROOT" .
sha256sum database.dump media.tar.gz >SHA256SUMS

cd ..
mv "$stamp.partial" "$stamp"
echo "$(pwd)/$stamp"
