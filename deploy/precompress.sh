#!/usr/bin/env bash
# Write a gzip copy beside every text file of a published site (page.html -> page.html.gz), which nginx's gzip_static
# sends as it is: compressed once, at the best level, instead of on every request.
# Usage: deploy/precompress.sh SITE_DIR
set -euo pipefail
site="${1:?usage: deploy/precompress.sh SITE_DIR}"
find "$site" -type f \( -name '*.html' -o -name '*.css' -o -name '*.js' -o -name '*.json' -o -name '*.csv' \
  -o -name '*.svg' -o -name '*.xml' -o -name '*.atom' -o -name '*.txt' \) -size +511c -print0 \
  | xargs -0 -r gzip -9 --keep --force --no-name
