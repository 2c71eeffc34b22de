#!/usr/bin/env bash
# Refreshes the IP-to-country table from the npm package @ip-location-db/geo-whois-asn-country
# (docs/routing.md). Needs npm, node, gzip and sha256sum; reaches the npm registry through npm.
#
#   scripts/refresh-ip-country.sh                      # the newest version, into the embedded copy
#   scripts/refresh-ip-country.sh 2.3.2026061719       # a given version
#   scripts/refresh-ip-country.sh latest /srv/ip-table # a folder for takedown.routing.ip-table: no rebuild
#
# The embedded copy (src/main/resources/routing/ip-country/) ships in the jar: commit it, then run
# mvn -B test -Dtest='IpCountryTableTest' to see that the known allocations still hold.
set -euo pipefail

PACKAGE=@ip-location-db/geo-whois-asn-country
VERSION=${1:-latest}
TARGET=${2:-$(cd "$(dirname "$0")/.." && pwd)/src/main/resources/routing/ip-country}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --json "$PACKAGE@$VERSION" > pack.json)
field() { node -e "const p = require('$work/pack.json')[0]; console.log(p$1)"; }
tarball=$work/$(field .filename)
version=$(field .version)
integrity=$(field .integrity)
tar -xzf "$tarball" -C "$work"
package=$work/package
licence=$(node -e "console.log(require('$package/package.json').license)")

# the version ends in the data's date and hour: 2.3.2026061719 is 2026-06-17, 19:00 UTC
stamp=${version##*.}
if [[ ! $stamp =~ ^20[0-9]{6}[0-9]{0,2}$ ]]; then
  echo "cannot read a date from version $version" >&2
  exit 1
fi
date=${stamp:0:4}-${stamp:4:2}-${stamp:6:2}

mkdir -p "$TARGET"
for family in ipv4 ipv6; do
  csv=$package/geo-whois-asn-country-$family.csv
  rows=$(wc -l < "$csv")
  # a sanity check against a truncated or reshaped download: many rows of first,last,CC
  if (( rows < 10000 )) || ! head -1 "$csv" | grep -Eq '^[0-9a-f.:]+,[0-9a-f.:]+,[A-Z]{2}$'; then
    echo "$csv does not look like the table (rows: $rows, first line: $(head -1 "$csv"))" >&2
    exit 1
  fi
  gzip -9 -n -c "$csv" > "$TARGET/.geo-whois-asn-country-$family.csv.gz.new"
  echo "sha256.geo-whois-asn-country-$family.csv=$(sha256sum "$csv" | cut -d' ' -f1)" >> "$work/sums"
  echo "rows.geo-whois-asn-country-$family.csv=$rows" >> "$work/sums"
done

{
  echo "# Written by scripts/refresh-ip-country.sh; read by the product for the table's name and date."
  echo "package=$PACKAGE"
  echo "version=$version"
  echo "date=$date"
  echo "licence=$licence (the package); the data from the RIRs: CC BY 4.0, attribution to the NRO (LICENSE.txt)"
  echo "integrity=$integrity"
  cat "$work/sums"
} > "$TARGET/.source.properties.new"

{
  echo "IP-to-country table: $PACKAGE $version (data of $date)"
  echo "by sapics (the ip-location-db project), published under $licence."
  echo
  echo "Its data is drawn from the WHOIS and ASN databases of the five Regional Internet Registries"
  echo "(AFRINIC, APNIC, ARIN, LACNIC, RIPE NCC) and from published geofeeds. The package carries this"
  echo "notice for the registries' data, reproduced as it is:"
  echo
  cat "$package/NRO_LICENSE"
  echo
  echo
  echo "Attribution: IP-to-country data by the Number Resource Organization (nro.net), CC BY 4.0"
  echo "(creativecommons.org/licenses/by/4.0/), compiled by ip-location-db (sapics)."
} > "$TARGET/.LICENSE.txt.new"

# move the new files in last, each in one step, so a running product that watches the folder reads old or new
for family in ipv4 ipv6; do
  mv "$TARGET/.geo-whois-asn-country-$family.csv.gz.new" "$TARGET/geo-whois-asn-country-$family.csv.gz"
done
mv "$TARGET/.LICENSE.txt.new" "$TARGET/LICENSE.txt"
mv "$TARGET/.source.properties.new" "$TARGET/source.properties"
echo "$PACKAGE $version (data of $date) is in $TARGET:"
ls -l "$TARGET"
