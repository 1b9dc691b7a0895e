#!/usr/bin/env python3
"""Checks lifecycle stories against `allot apply` (docs/lifecycle.md, docs/formats.md).

Usage: check_story.py --allot PATH/TO/allot STORY.json [STORY.json ...]

A story is {"scenario": {...}, "steps": [{"command": {...}, "expect": {...}}]}.
For step k the checker runs `allot apply` on the scenario with the commands of
steps 0..k and compares the last result and the state with what the step
expects: "ok", "code", "created"; "fos" {id: {status, request_status,
location, remaining {line: q}, actions [...], holds n}}; "orders" {id:
{display, cancelled, unallocated {line: q}}}; "inv" {"LOC/SKU": {on_hand,
reserved}}; "fulfillments" {id: {status, shipment_status}}; "topics" [the
event topics the step's command appended, in order]. After every step it
also checks reserved = scenario reserved + remaining of the FOs there, and
available = max(0, on_hand - reserved - safety_stock).

A refusal case is {"raw": "...file text..."} or {"raw_b64": "..."} with
{"expect_exit": 0|1|2}: the file is applied as is, must not crash, must exit
with that status, and print JSON on stdout exactly when it exits 0.
Standard library only; exits 1 when any story fails.
"""
import argparse
import base64
import json
import os
import subprocess
import sys
import tempfile


class Mismatch(Exception):
    pass


def apply(allot, data):
    with tempfile.NamedTemporaryFile("wb", suffix=".json", delete=False) as f:
        f.write(data)
        path = f.name
    try:
        proc = subprocess.run([allot, "apply", path], capture_output=True, timeout=120)
    finally:
        os.unlink(path)
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")


def run_story_prefix(allot, scenario, commands):
    doc = dict(scenario)
    doc["commands"] = commands
    code, out, err = apply(allot, json.dumps(doc).encode("utf-8"))
    if code != 0:
        raise Mismatch(f"apply exit {code}: {err.strip()[:300]}")
    try:
        return json.loads(out)
    except json.JSONDecodeError as e:
        raise Mismatch(f"stdout is not JSON: {e}")


def by_line(lines, field):
    out = {}
    for l in lines:
        out[str(l["line"])] = out.get(str(l["line"]), 0) + int(l[field])
    return out


def check_step(where, exp, out, n_commands, events_before, initial_reserved):
    results = out.get("results", [])
    if len(results) != n_commands:
        raise Mismatch(f"{where}: {len(results)} results for {n_commands} commands")
    res = results[-1]
    if bool(res.get("ok")) != exp["ok"]:
        raise Mismatch(f"{where}: ok={res.get('ok')} want {exp['ok']} ({res.get('error')})")
    if "code" in exp and (res.get("error") or {}).get("code") != exp["code"]:
        raise Mismatch(f"{where}: error {res.get('error')} want code {exp['code']}")
    if "created" in exp and sorted(res.get("created", [])) != sorted(exp["created"]):
        raise Mismatch(f"{where}: created {res.get('created')} want {exp['created']}")
    if "topics" in exp:
        topics = [e.get("topic") for e in out.get("events", [])[events_before:]]
        if topics != exp["topics"]:
            raise Mismatch(f"{where}: events {topics} want {exp['topics']}")
    state = out.get("state", {})
    fos = {f["id"]: f for f in state.get("fulfillment_orders", [])}
    for fid, want in exp.get("fos", {}).items():
        got = fos.get(fid)
        if got is None:
            raise Mismatch(f"{where}: no fulfillment order {fid}")
        for key in ("status", "request_status", "location"):
            if key in want and got.get(key) != want[key]:
                raise Mismatch(f"{where}: {fid}.{key} is {got.get(key)!r}, want {want[key]!r}")
        if "remaining" in want:
            rem = by_line(got.get("lines", []), "remaining_quantity")
            for line, q in want["remaining"].items():
                if rem.get(line, 0) != q:
                    raise Mismatch(f"{where}: {fid} line {line} remaining {rem.get(line, 0)}, want {q}")
        if "actions" in want and sorted(got.get("supported_actions", [])) != sorted(want["actions"]):
            raise Mismatch(f"{where}: {fid} supported_actions {got.get('supported_actions')}, want {want['actions']}")
        if "holds" in want and len(got.get("holds", [])) != want["holds"]:
            raise Mismatch(f"{where}: {fid} has {len(got.get('holds', []))} holds, want {want['holds']}")
    orders = {o["id"]: o for o in state.get("orders", [])}
    for oid, want in exp.get("orders", {}).items():
        got = orders.get(oid)
        if got is None:
            raise Mismatch(f"{where}: no order {oid}")
        if "display" in want and got.get("display_fulfillment_status") != want["display"]:
            raise Mismatch(f"{where}: order {oid} display {got.get('display_fulfillment_status')}, want {want['display']}")
        if "cancelled" in want and bool(got.get("cancelled")) != want["cancelled"]:
            raise Mismatch(f"{where}: order {oid} cancelled {got.get('cancelled')}, want {want['cancelled']}")
        if "unallocated" in want:
            un = by_line(got.get("unallocated", []), "quantity")
            for line, q in want["unallocated"].items():
                if un.get(line, 0) != q:
                    raise Mismatch(f"{where}: order {oid} line {line} unallocated {un.get(line, 0)}, want {q}")
    inv = {(r["location"], r["sku"]): r for r in state.get("inventory", [])}
    for key, want in exp.get("inv", {}).items():
        loc, sku = key.split("/")
        got = inv.get((loc, sku))
        if got is None:
            raise Mismatch(f"{where}: no inventory row {key}")
        for field in ("on_hand", "reserved"):
            if field in want and int(got.get(field, -1)) != want[field]:
                raise Mismatch(f"{where}: {key}.{field} is {got.get(field)}, want {want[field]}")
    fuls = {f["id"]: f for f in state.get("fulfillments", [])}
    for fid, want in exp.get("fulfillments", {}).items():
        got = fuls.get(fid)
        if got is None:
            raise Mismatch(f"{where}: no fulfillment {fid}")
        for field in ("status", "shipment_status"):
            if field in want and got.get(field) != want[field]:
                raise Mismatch(f"{where}: {fid}.{field} is {got.get(field)!r}, want {want[field]!r}")
    held = dict(initial_reserved)
    for f in fos.values():
        for l in f.get("lines", []):
            key = (f["location"], l["sku"])
            held[key] = held.get(key, 0) + int(l["remaining_quantity"])
    for (loc, sku), row in inv.items():
        if int(row.get("reserved", 0)) != held.get((loc, sku), 0):
            raise Mismatch(f"{where}: {loc}/{sku} reserved {row.get('reserved')} but its FOs hold {held.get((loc, sku), 0)}")
        avail = max(0, int(row["on_hand"]) - int(row["reserved"]) - int(row.get("safety_stock", 0)))
        if int(row.get("available", avail)) != avail:
            raise Mismatch(f"{where}: {loc}/{sku} available {row['available']}, want {avail}")


def check_story(allot, story):
    scenario, steps = story["scenario"], story["steps"]
    initial_reserved = {(r["location"], r["sku"]): int(r.get("reserved", 0))
                        for r in scenario.get("inventory", [])}
    events_before = 0
    for k, st in enumerate(steps):
        commands = [s["command"] for s in steps[:k + 1]]
        out = run_story_prefix(allot, scenario, commands)
        where = f"step {k} ({st['command'].get('op') if isinstance(st['command'], dict) else '?'})"
        check_step(where, st["expect"], out, len(commands), events_before, initial_reserved)
        events_before = len(out.get("events", []))


def check_raw(allot, case):
    data = base64.b64decode(case["raw_b64"]) if "raw_b64" in case else case["raw"].encode("utf-8")
    code, out, err = apply(allot, data)
    if code < 0 or code >= 128:
        raise Mismatch(f"crashed (status {code}): {err.strip()[-200:]}")
    if code != case["expect_exit"]:
        raise Mismatch(f"exit {code}, want {case['expect_exit']} ({err.strip()[:200]})")
    if code == 0:
        json.loads(out)
    elif out.strip():
        raise Mismatch("printed output on stdout for a refused file")
    elif not err.strip():
        raise Mismatch("said nothing on stderr")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--allot", required=True)
    ap.add_argument("stories", nargs="+")
    args = ap.parse_args()
    failed = 0
    for path in args.stories:
        try:
            with open(path, encoding="utf-8") as f:
                story = json.load(f)
            if "expect_exit" in story:
                check_raw(args.allot, story)
            else:
                check_story(args.allot, story)
        except (Mismatch, subprocess.TimeoutExpired, KeyError, TypeError, ValueError) as e:
            failed += 1
            print(f"FAIL {os.path.basename(path)}: {e}")
    print(f"{len(args.stories) - failed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
