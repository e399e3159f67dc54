#!/bin/sh
# Restore a backup made by ops/backup.sh: the database, then the stored files.
#
#   ops/restore.sh --yes BACKUP     DATABASE_URL and MEDIA_ROOT from the environment
#
# Replaces what is in the database and in MEDIA_ROOT with the backup's content. Stop the
# web, worker and beat containers first. The database may be empty (a new server) or hold
# the current data: --clean --if-exists drops each object before recreating it, and
# --single-transaction means a failed restore leaves the database as it was. The files are
# unpacked beside the current ones first and swapped in only once all are out.
set -eu

if [ "${1:-}" != "--yes" ] || [ -z "${2:-}" ]; then
    echo "usage: ops/restore.sh --yes BACKUP" >&2
    echo "Replaces the database at DATABASE_URL and the files in MEDIA_ROOT with the backup's." >&2
    exit 2
fi
backup=$(cd "$2" && pwd)
: "${DATABASE_URL:?DATABASE_URL must be set}"
: "${MEDIA_ROOT:?MEDIA_ROOT must be set}"
database_url="postgresql://${DATABASE_URL#*://}"

(cd "$backup" && sha256sum --check --quiet SHA256SUMS)

pg_restore --clean --if-exists --no-owner --single-transaction --exit-on-error \
    --dbname="$database_url" "$backup/database.dump"

mkdir -p "$MEDIA_ROOT"
unpacked=$(mktemp -d "$MEDIA_ROOT/.restore.XXXXXX")
tar --extract --gzip --file="$backup/media.tar.gz" --directory="$unpacked"
find "$MEDIA_ROOT" -mindepth 1 -maxdepth 1 ! -path "$unpacked" -exec rm -rf {} +
find "$unpacked" -mindepth 1 -maxdepth 1 -exec mv -t "$MEDIA_ROOT" {} +
rmdir "$unpacked"
echo "Restored $backup into the database and $MEDIA_ROOT."
