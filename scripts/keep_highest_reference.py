#!/usr/bin/env python3
"""The straightforward reference for scripts/bench-input: read an export with the csv
module, keep each student's highest score, write the kept scores as JSON.

    scripts/keep_highest_reference.py attempts.csv > kept.json
"""
import csv
import json
import sys


def main(path):
    best = {}
    with open(path, newline="", encoding="utf-8-sig") as export:
        for row in csv.DictReader(export):
            score = float(row["score"])
            maximum = float(row["max"])
            user = row["user_id"]
            kept = best.get(user)
            if kept is None or score / maximum > kept[0] / kept[1]:
                best[user] = (score, maximum)
    json.dump(
        {"scores": [{"user_id": user, "score": score, "max": maximum}
                    for user, (score, maximum) in sorted(best.items())]},
        sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
