#!/usr/bin/env python3
"""Parses a Prometheus text exposition with the parser of the official Python client
(prometheus_client.parser, Debian package python3-prometheus-client) and prints every sample as
one JSON array: [{"family", "type", "name", "labels", "value"}, ...]. Non-finite values are printed
as strings ("+Inf", "-Inf", "NaN") so the output stays strict JSON. A parse error exits non-zero.

Usage: parse_metrics.py <file with the /metrics body>
"""
import json
import math
import sys

from prometheus_client.parser import text_string_to_metric_families


def main() -> int:
    with open(sys.argv[1], encoding="utf-8") as f:
        text = f.read()
    samples = []
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            value = sample.value
            if not math.isfinite(value):
                value = "NaN" if math.isnan(value) else ("+Inf" if value > 0 else "-Inf")
            samples.append({"family": family.name, "type": family.type, "name": sample.name,
                            "labels": sample.labels, "value": value})
    json.dump(samples, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
