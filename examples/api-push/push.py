"""Push the ticket system's figures into Styra: python3 push.py COMMITTEE PERIOD FIGURES.json
with STYRA_URL and STYRA_TOKEN set (a token with the write scope). Standard library only."""

import json
import os
import sys
import urllib.error
import urllib.request

committee, period, figures_file = sys.argv[1:4]
base = f"{os.environ['STYRA_URL'].rstrip('/')}/api/v1/committees/{committee}/periods/{period}"
token = os.environ["STYRA_TOKEN"]


def call(method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    try:
        request = urllib.request.Request(base + path, data, headers, method=method)
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:  # the API says what is wrong, in Swedish
        sys.exit(f"{method} {path}: {error.code} {error.read().decode()}")


with open(figures_file, encoding="utf-8") as f:
    figures = json.load(f)
indicators = {i["key"]: i for i in call("GET", "/indicators")}
for key, value in figures["values"].items():
    found, why = indicators[key], figures["justification"]
    body = {"version": found["version"], "value": value, "value_justification": why}
    saved = call("PATCH", f"/indicators/{found['id']}/result", body)
    print(key, saved["value"], saved["status"], (saved["entered"] or {}).get("at", ""), sep="\t")
