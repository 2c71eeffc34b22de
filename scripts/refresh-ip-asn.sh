#!/usr/bin/env bash
# Refreshes the IP-to-ASN table (the provider of an IP address) from the npm package @ip-location-db/asn
# (docs/providers.md). Needs npm, node, gzip and sha256sum; reaches the npm registry through npm.
#
#   scripts/refresh-ip-asn.sh                       # the newest version, into the embedded copy
#   scripts/refresh-ip-asn.sh 2.3.2026061719        # a given version
#   scripts/refresh-ip-asn.sh latest /srv/ip-asn    # a folder for takedown.routing.ip-asn-table: no rebuild
#
# The embedded copy (src/main/resources/routing/ip-asn/) ships in the jar: commit it, then run
# mvn -B test -Dtest='IpAsnTableTest' to see that the known allocations still hold.
set -euo pipefail

PACKAGE=@ip-location-db/asn
VERSION=${1:-latest}
TARGET=${2:-$(cd "$(dirname "$0")/.." && pwd)/src/main/resources/routing/ip-asn}

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
  csv=$package/asn-$family.csv
  rows=$(wc -l < "$csv")
  # a sanity check against a truncated or reshaped download: many rows of first,last,number,organisation
  if (( rows < 10000 )) || ! head -1 "$csv" | grep -Eq '^[0-9a-f.:]+,[0-9a-f.:]+,[0-9]+,.+$'; then
    echo "$csv does not look like the table (rows: $rows, first line: $(head -1 "$csv"))" >&2
    exit 1
  fi
  gzip -9 -n -c "$csv" > "$TARGET/.asn-$family.csv.gz.new"
  echo "sha256.asn-$family.csv=$(sha256sum "$csv" | cut -d' ' -f1)" >> "$work/sums"
  echo "rows.asn-$family.csv=$rows" >> "$work/sums"
done

{
  echo "# Written by scripts/refresh-ip-asn.sh; read by the product for the table's name and date."
  echo "package=$PACKAGE"
  echo "version=$version"
  echo "date=$date"
  echo "licence=CC BY 4.0: RouteViews, DB-IP and the NRO (LICENSE.txt); the package says: $licence"
  echo "integrity=$integrity"
  cat "$work/sums"
} > "$TARGET/.source.properties.new"

{
  echo "IP-to-ASN table: $PACKAGE $version (data of $date)"
  echo "by sapics (the ip-location-db project), published under CC BY 4.0."
  echo
  echo "It merges the RouteViews IP-to-AS data, the five Regional Internet Registries' ASN data (NRO) and"
  echo "DB-IP's IP to ASN Lite database; most organisation names are DB-IP's. The package carries these"
  echo "notices, reproduced as they are:"
  for notice in MODIFICATIONS ROUTEVIEWS-LICENSE NRO_LICENSE DBIP-LICENSE; do
    echo
    echo "--- $notice"
    cat "$package/$notice"
    echo
  done
  echo
  echo "Attribution: IP-to-ASN data by RouteViews (routeviews.org), DB-IP (db-ip.com: IP Geolocation by DB-IP)"
  echo "and the Number Resource Organization (nro.net), CC BY 4.0 (creativecommons.org/licenses/by/4.0/),"
  echo "compiled by ip-location-db (sapics). Changes: compressed with gzip; nothing else."
} > "$TARGET/.LICENSE.txt.new"

# move the new files in last, each in one step, so a running product that watches the folder reads old or new
for family in ipv4 ipv6; do
  mv "$TARGET/.asn-$family.csv.gz.new" "$TARGET/asn-$family.csv.gz"
done
mv "$TARGET/.LICENSE.txt.new" "$TARGET/LICENSE.txt"
mv "$TARGET/.source.properties.new" "$TARGET/source.properties"
echo "$PACKAGE $version (data of $date) is in $TARGET:"
ls -l "$TARGET"
