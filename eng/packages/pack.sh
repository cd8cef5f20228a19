#!/usr/bin/env bash
# Rebuilds the stand-in packages from their nuspec sources. A nupkg is a zip with <id>.nuspec at
# its root; the stand-ins need nothing else.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
pack() { # <id> <version>
  local tmp; tmp=$(mktemp -d)
  cp "$here/src/$1.nuspec" "$tmp/$1.nuspec"
  rm -f "$here/${1,,}.$2.nupkg"
  (cd "$tmp" && python3 -c "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED); z.write(sys.argv[2]); z.close()" "$here/${1,,}.$2.nupkg" "$1.nuspec")
  rm -rf "$tmp"
}
pack Patched.DistributedLock.Postgres 1.3.3
pack IdentityModel 6.2.0
