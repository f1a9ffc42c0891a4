#!/bin/sh
# Regenerates the file:// module proxy in this directory from src/ (run from anywhere):
# for each src/<module>@<version>/, writes <module>/@v/{list,<version>.info,.mod,.zip}.
set -e
cd "$(dirname "$0")"
for d in $(cd src && find . -type d -name '*@*' | sed 's|^\./||'); do
	mod=${d%@*}
	ver=${d#*@}
	mkdir -p "$mod/@v"
	echo "$ver" > "$mod/@v/list"
	printf '{"Version":"%s","Time":"2024-01-01T00:00:00Z"}\n' "$ver" > "$mod/@v/$ver.info"
	cp "src/$d/go.mod" "$mod/@v/$ver.mod"
	rm -f "$mod/@v/$ver.zip"
	(cd src && find "$d" -type f -exec touch -t 202401010000 {} + && find "$d" -type f | sort | TZ=UTC zip -X -q "../$mod/@v/$ver.zip" -@)
done
