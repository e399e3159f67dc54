#!/bin/sh
# Check that a backup folder made by ops/backup.sh is whole and readable, without restoring it.
#
#   ops/verify-backup.sh BACKUP     e.g. /backups/20250101T020000Z
#
# The checksums match, pg_restore can read the dump's table of contents, and tar can read
# the archive to its end. Only a trial restore (docs/operations.md) proves more.
set -eu

backup=${1:?usage: ops/verify-backup.sh BACKUP}
cd "$backup"
sha256sum --check --quiet SHA256SUMS
entries=$(pg_restore --list database.dump | grep -c '^[0-9]')
files=$(tar --list --gzip --file=media.tar.gz | grep -vc '/$' || true)
echo "$backup: checksums match; the dump lists $entries objects; the archive holds $files files."
