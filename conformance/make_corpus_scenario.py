#!/usr/bin/env python3
"""Creates conformance scenarios for real corpus manifests, with synthetic responses shaped by each stream's
record path.

Usage (repo root):
    /work/.venv-cdk/bin/python conformance/make_corpus_scenario.py [--corpus-dir DIR] [--limit N] [FILE.yaml ...]

For each manifest (default: every corpus manifest without `class_name`) it resolves $ref/$parameters with the
reference's own resolver, picks up to two readable streams (DpathExtractor, JSON decoder, compatible record
paths; substreams bring their parent's path along), and writes tests/conformance/scenarios/corpus_<name>/ with
scenario.json, config.json (filled from the spec: defaults, consts, first oneOf branch, date patterns) and
catalog.json. Responses are stateless (the reference reads partitions concurrently): a request without a
pagination-token query parameter gets one page of two records, any other request the same shape with empty lists. run_reference.py then copies the manifest (host rewrite) and records goldens.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import yaml

from airbyte_cdk.sources.declarative.datetime.datetime_parser import DatetimeParser
from airbyte_cdk.sources.declarative.parsers.manifest_component_transformer import ManifestComponentTransformer
from airbyte_cdk.sources.declarative.parsers.manifest_reference_resolver import ManifestReferenceResolver

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "tests" / "conformance" / "scenarios"
DATE_CANDIDATES = [
    "2024-05-01T00:00:00Z",
    "2024-05-01",
    "2024-05-01T00:00:00.000Z",
    "2024-05-01T00:00:00.000000Z",
    "2024-05-01T00:00:00+00:00",
    "2024-05-01 00:00:00",
    "2024-05-01T00:00:00",
    "2024-05",
    "05/01/2024",
    "01/05/2024",
    "20240501",
    "01-05-2024",
    "20240501T000000Z",
    "20240501",
]
# End dates get the end of the month (a range with start == end reads nothing).
END_SHIFTS = [("2024-05-01", "2024-05-31"), ("05/01/2024", "05/31/2024"), ("01/05/2024", "31/05/2024"),
              ("20240501", "20240531"), ("01-05-2024", "31-05-2024")]
OVERRIDES = Path(__file__).resolve().parent / "corpus_config_overrides.json"
CURSOR_TIMES = [datetime(2024, 5, 10, 8, 0, 0, tzinfo=timezone.utc), datetime(2024, 5, 20, 8, 0, 0, tzinfo=timezone.utc)]


def fill(schema: dict, name: str, path: str, secrets: list[str]) -> Any:
    """A plausible value for a spec property."""
    if schema.get("airbyte_secret"):
        secrets.append(path)
    if "const" in schema:
        return schema["const"]
    if "default" in schema:
        return schema["default"]
    if "enum" in schema and schema["enum"]:
        return schema["enum"][0]
    if "oneOf" in schema or "anyOf" in schema:
        options = schema.get("oneOf") or schema.get("anyOf")
        return fill(options[0], name, path, secrets)
    t = schema.get("type")
    if isinstance(t, list):
        t = next((x for x in t if x != "null"), "string")
    if t == "object" or "properties" in schema:
        out = {}
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            if key in props:
                out[key] = fill(props[key], key, f"{path}.{key}" if path else key, secrets)
        for key, prop in props.items():
            if key in out or not isinstance(prop, dict):
                continue
            lkey = key.lower()
            if "const" in prop or "default" in prop:
                out[key] = fill(prop, key, f"{path}.{key}" if path else key, secrets)
            elif ("start" in lkey and "date" in lkey) or lkey in ("start_time", "start_datetime"):
                out[key] = fill(prop, key, f"{path}.{key}" if path else key, secrets)
            elif "oneOf" in prop or "anyOf" in prop:
                # An authenticator / option selector: its first branch (SelectiveAuthenticator paths need it).
                out[key] = fill(prop, key, f"{path}.{key}" if path else key, secrets)
        return out
    if t == "integer":
        return schema.get("minimum", 10) if "minimum" in schema else 10
    if t == "number":
        return schema.get("minimum", 10) if "minimum" in schema else 10
    if t == "boolean":
        return False
    if t == "array":
        items = schema.get("items", {})
        if isinstance(items, dict) and items.get("enum"):
            return [items["enum"][0]]
        if isinstance(items, dict) and items.get("type") in ("object",):
            return [fill(items, name, path, [])]
        return ["test1"]
    # string
    fmt = schema.get("format")
    pattern = schema.get("pattern")
    lname = name.lower()
    datelike = fmt in ("date-time", "date") or "date" in lname or "start" in lname or "end" in lname
    if pattern and not datelike:
        # A constrained non-date value: the spec's own example when it fits the pattern.
        for example in schema.get("examples") or []:
            try:
                if isinstance(example, str) and re.search(pattern, example):
                    return example
            except re.error:
                break
    if fmt == "date-time" or fmt == "date" or pattern or "date" in lname or "start" in lname:
        value = date_value(fmt, pattern, lname)
        if value is not None:
            if "end" in lname:
                for a, b in END_SHIFTS:
                    value = value.replace(a, b)
            return value
        if pattern:
            return "test-" + lname
    if "secret" in lname or "token" in lname or "key" in lname or "password" in lname:
        return f"secret-{lname}-123"
    if "email" in lname:
        return "user@example.com"
    return f"test-{lname}"


def date_value(fmt: Any, pattern: Any, lname: str) -> str | None:
    """The first date candidate that fits the format / pattern, or None."""
    if fmt == "date-time" or fmt == "date" or pattern or "date" in lname or "start" in lname:
        for cand in DATE_CANDIDATES:
            if fmt == "date" and cand != "2024-05-01" and not pattern:
                continue
            if pattern:
                try:
                    if re.search(pattern, cand):
                        return cand
                except re.error:
                    break
            elif fmt == "date-time" or "date" in lname or "start" in lname:
                return cand
    return None


def deep_merge(base: Any, patch: Any) -> Any:
    if isinstance(base, dict) and isinstance(patch, dict):
        out = dict(base)
        for k, v in patch.items():
            out[k] = deep_merge(base.get(k), v) if v is not None else None
        return {k: v for k, v in out.items() if v is not None}
    return patch


def spec_config(manifest: dict, file_name: str = "") -> tuple[dict, list[str]]:
    """A config from the spec, then the manifest's entry in corpus_config_overrides.json (deep-merged; null
    removes a key), for values no generic rule can guess (documented there)."""
    spec = (manifest.get("spec") or {}).get("connection_specification") or {}
    secrets: list[str] = []
    config = fill(spec, "", "", secrets)
    config = config if isinstance(config, dict) else {}
    overrides = json.loads(OVERRIDES.read_text()) if OVERRIDES.exists() else {}
    entry = overrides.get(file_name)
    if isinstance(entry, dict):
        config = deep_merge(config, entry.get("config") or {})
        secrets += entry.get("secrets") or []
    return config, sorted(set(secrets))


_PARAM = re.compile(r"\{\{\s*parameters(?:\.(\w+)|\[['\"](\w+)['\"]\])\s*\}\}")


def resolve_param(value: Any, params: dict) -> Any:
    if not isinstance(value, str):
        return value
    m = _PARAM.fullmatch(value.strip())
    if m:
        return params.get(m.group(1) or m.group(2))
    return value


def stream_info(stream: dict) -> dict | None:
    retriever = stream.get("retriever") or {}
    if retriever.get("type") not in (None, "SimpleRetriever"):
        return None
    decoder = (retriever.get("decoder") or {}).get("type")
    if decoder not in (None, "JsonDecoder", "XmlDecoder"):
        return None
    selector = retriever.get("record_selector") or {}
    extractor = selector.get("extractor") or {}
    if extractor.get("type") not in (None, "DpathExtractor"):
        return None
    params = extractor.get("$parameters") or {}
    field_path = []
    for part in extractor.get("field_path") or []:
        part = resolve_param(part, params)
        if not isinstance(part, str) or "{{" in part:
            return None
        field_path.append(part)
    info: dict[str, Any] = {
        "name": stream.get("name"),
        "field_path": field_path,
        "parents": [],
        "keys": {},
        "accesses": template_accesses({k: v for k, v in stream.items() if k not in ("schema_loader",)}),
        "xml": decoder == "XmlDecoder",
    }
    if not info["name"]:
        return None
    pk = stream.get("primary_key")
    if isinstance(pk, str):
        pk = [pk]
    for key in pk or []:
        if isinstance(key, str):
            info["keys"][key] = "pk"
        elif isinstance(key, list) and key and isinstance(key[0], str):
            info["keys"][key[0]] = "pk"
    inc = stream.get("incremental_sync") or {}
    if inc.get("type") == "DatetimeBasedCursor":
        cursor_field = resolve_param(inc.get("cursor_field"), inc.get("$parameters") or {})
        if isinstance(cursor_field, str) and "{{" not in cursor_field:
            formats = inc.get("cursor_datetime_formats") or [inc.get("datetime_format")]
            info["cursor"] = (cursor_field, formats[0])
    elif inc:
        info["other_incremental"] = inc.get("type")
    router = retriever.get("partition_router")
    routers = router if isinstance(router, list) else [router] if router else []
    for r in routers:
        if r.get("type") == "SubstreamPartitionRouter":
            for pc in r.get("parent_stream_configs") or []:
                parent = pc.get("stream")
                if not isinstance(parent, dict):
                    return None
                pinfo = stream_info(parent)
                if pinfo is None or pinfo.get("parents"):
                    return None
                key = resolve_param(pc.get("parent_key"), pc.get("$parameters") or {})
                if not isinstance(key, str) or "{{" in key:
                    return None
                pinfo["keys"][key.split(".")[0] if "." not in key else key] = "parent"
                info["parents"].append(pinfo)
        elif r.get("type") not in ("ListPartitionRouter",):
            return None
    return info


_ROOT = re.compile(r"\b(response|last_record|record)\b")
_STEP = re.compile(r"""\s*(?:\.get\(\s*['"]([\w-]+)['"][^)]*\)|\.(?!get\b|items\b|keys\b|values\b)(\w+)|\[\s*['"]([\w-]+)['"]\s*\])""")


def template_accesses(node: Any) -> dict[str, list[list[str]]]:
    """Key chains the manifest's templates read from `response` and from records (`record`, `last_record`):
    synthetic bodies and records get those keys so the templates evaluate (leaves: null in responses, which
    ends most paginations; a string in records)."""
    out: dict[str, list[list[str]]] = {"response": [], "record": []}

    def scan(text: str) -> None:
        if "{{" not in text and "{%" not in text:
            return
        for m in _ROOT.finditer(text):
            chain: list[str] = []
            pos = m.end()
            while True:
                s = _STEP.match(text, pos)
                if not s:
                    break
                chain.append(s.group(1) or s.group(2) or s.group(3))
                pos = s.end()
            if chain:
                out["response" if m.group(1) == "response" else "record"].append(chain)

    def walk(n: Any) -> None:
        if isinstance(n, str):
            scan(n)
        elif isinstance(n, dict):
            for v in n.values():
                walk(v)
        elif isinstance(n, list):
            for v in n:
                walk(v)

    walk(node)
    return out


def add_chain(target: dict, chain: list[str], leaf: Any) -> None:
    """Adds nested keys for `chain` to `target` without replacing existing values."""
    node = target
    for i, key in enumerate(chain):
        last = i == len(chain) - 1
        if key not in node:
            node[key] = leaf if last else {}
        if not last:
            if not isinstance(node[key], dict):
                return
            node = node[key]


def merge_lists(a: Any, b: Any) -> list:
    """Two wildcard record lists at the same place (e.g. `entries/*/event` and `entries/*/guest`) merge element
    by element when their objects have no key in common; anything else is a conflict."""
    if not (isinstance(a, list) and isinstance(b, list) and len(a) == len(b)):
        raise ValueError("conflict")
    out = []
    for x, y in zip(a, b):
        if not (isinstance(x, dict) and isinstance(y, dict)) or set(x) & set(y):
            raise ValueError("conflict")
        out.append({**x, **y})
    return out


def merge_path(body: Any, path: list[str], records: list) -> Any:
    """Puts `records` at `path` in `body`; returns the new body or raises ValueError on a conflict. One `*`
    (a DpathExtractor wildcard over a list) wraps each record in the rest of the path."""
    if "*" in path:
        i = path.index("*")
        if "*" in path[i + 1 :]:
            raise ValueError("several wildcards")
        wrapped = []
        for rec in records:
            for key in reversed(path[i + 1 :]):
                rec = {key: rec}
            wrapped.append(rec)
        return merge_path(body, path[:i], wrapped)
    if not path:
        if body is not None:
            raise ValueError("top-level list conflicts")
        return records
    if body is None:
        body = {}
    if not isinstance(body, dict):
        raise ValueError("conflict")
    node = body
    for i, part in enumerate(path):
        last = i == len(path) - 1
        if part == "*":
            raise ValueError("wildcard")
        if last:
            if part in node:
                existing = node[part]
                if existing != records:
                    node[part] = merge_lists(existing, records)
                    return body
            node[part] = records
        else:
            nxt = node.get(part)
            if nxt is None:
                nxt = node[part] = {}
            if not isinstance(nxt, dict):
                raise ValueError("conflict")
            node = nxt
    return body


def make_records(keys: dict[str, str], cursors: dict[str, str]) -> list[dict]:
    parser = DatetimeParser()
    out = []
    for i in (1, 2):
        rec: dict[str, Any] = {"id": i, "name": f"record-{i}"}
        for key, kind in keys.items():
            parts = key.split(".")
            node = rec
            for p in parts[:-1]:
                node = node.setdefault(p, {}) if isinstance(node.get(p, {}), dict) else node
            if parts[-1] not in node:
                node[parts[-1]] = i if kind == "parent" and parts[-1] == "id" else f"{parts[-1]}-{i}"
        for field, fmt in cursors.items():
            try:
                rec[field] = parser.format(CURSOR_TIMES[i - 1], fmt or "%Y-%m-%dT%H:%M:%S.%f%z")
            except Exception:  # noqa: BLE001
                rec[field] = CURSOR_TIMES[i - 1].strftime("%Y-%m-%dT%H:%M:%SZ")
        out.append(rec)
    return out


def token_rules(resolved: dict, full: Any, empty: Any) -> list[dict]:
    """Stateless rules (safe under the reference's concurrent reads): a request without any pagination token
    query parameter (or with its first-page value) gets the records; every other request gets empty lists."""
    names: set[str] = set()
    firsts: set[tuple[str, str]] = set()

    token_names: set[str] = set()
    expiry_names: set[str] = set()
    expiry_dates: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "OAuthAuthenticator":
                token_names.add(str(node.get("access_token_name") or "access_token"))
                expiry = str(node.get("expires_in_name") or "expires_in")
                fmt = str(node.get("token_expiry_date_format") or "")
                if fmt.startswith("YYYY-MM-DD") or node.get("token_expiry_is_time_of_expiration"):
                    # An expiry date-time (not seconds): one hour after the frozen clock.
                    expiry_dates.add(expiry)
                else:
                    expiry_names.add(expiry)
            if node.get("type") == "DefaultPaginator":
                opt = node.get("page_token_option") or {}
                strategy = node.get("pagination_strategy") or {}
                name = resolve_param(opt.get("field_name") or opt.get("field_path"), opt.get("$parameters") or {})
                if isinstance(name, list) and name:
                    name = name[0]
                if opt.get("inject_into") == "request_parameter" and isinstance(name, str) and "{{" not in name:
                    names.add(name)
                    if strategy.get("inject_on_first_request"):
                        if strategy.get("type") == "OffsetIncrement":
                            firsts.add((name, "0"))
                        elif strategy.get("type") == "PageIncrement":
                            firsts.add((name, str(strategy.get("start_from_page", 0))))
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(resolved)
    rules: list[dict] = []
    if token_names:
        # OAuth token refreshes (POST bodies with grant_type) get a token, never records.
        token: dict[str, Any] = {"access_token": "test-access-token", "expires_in": 3600, "token_type": "Bearer"}
        for key in sorted(token_names):
            token.setdefault(key, "test-access-token")
        for key in sorted(expiry_dates):
            token[key] = "2024-06-01T13:00:00Z"
        for key in sorted(expiry_names):
            token.setdefault(key, 3600)
        rules.append({"method": "POST", "body_contains": "grant_type", "json": token})
    rules.append({"path": "glob:/**", "query": {n: None for n in sorted(names)}, "json": full})
    for name, value in sorted(firsts):
        query: dict[str, Any] = {n: None for n in sorted(names)}
        query[name] = value
        rules.append({"path": "glob:/**", "query": query, "json": full})
    rules.append({"path": "glob:/**", "json": empty})
    return rules


def to_xml(value: Any, tag: str = "") -> str:
    """A JSON-shaped body as XML the way xmltodict reads it back: dict keys are elements, a list repeats its
    element, scalars are text (an empty list or null leaves the parent element empty)."""
    if isinstance(value, dict):
        inner = "".join(to_xml(v, k) for k, v in value.items())
        return f"<{tag}>{inner}</{tag}>" if tag else inner
    if isinstance(value, list):
        return "".join(to_xml(v, tag) for v in value)
    if value is None:
        return ""
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f"<{tag}>{text}</{tag}>"


def as_xml(rule: dict) -> dict:
    """A JSON rule of an XML-decoded stream as an XML text body (OAuth token rules stay JSON)."""
    if "json" not in rule or rule.get("method") == "POST":
        return rule
    out = {k: v for k, v in rule.items() if k != "json"}
    body = rule["json"]
    out["text"] = '<?xml version="1.0" encoding="UTF-8"?>' + (to_xml(body) if isinstance(body, dict) else "")
    out["headers"] = {"content-type": "application/xml"}
    return out


def build(manifest_path: Path, out_root: Path) -> str:
    text = manifest_path.read_text()
    raw = yaml.safe_load(text)
    resolved = ManifestReferenceResolver().preprocess_manifest(copy.deepcopy(raw))
    resolved = ManifestComponentTransformer().propagate_types_and_parameters("", resolved, {})
    streams = [s for s in resolved.get("streams") or [] if isinstance(s, dict)]
    infos = [i for i in (stream_info(s) for s in streams) if i]
    if not infos:
        return "no readable stream"
    # Prefer an incremental stream, a plain one and a substream; keep the record paths compatible.
    ordered = sorted(
        infos,
        key=lambda i: (0 if "cursor" in i and not i["parents"] else 1 if not i["parents"] else 2, infos.index(i)),
    )
    chosen: list[dict] = []
    keys: dict[str, str] = {}
    cursors: dict[str, str] = {}
    paths: list[list[str]] = []
    for info in ordered:
        if len(chosen) >= 2:
            break
        if info.get("other_incremental"):
            continue
        if chosen and info["xml"] != chosen[0]["xml"]:
            continue  # one body format per scenario
        new_paths = [info["field_path"]] + [p["field_path"] for p in info["parents"]]
        trial = None
        try:
            uniq: list[list[str]] = []
            for p in paths + new_paths:
                if p not in uniq:
                    uniq.append(p)
            for p in uniq:
                trial = merge_path(trial, p, [])
        except ValueError:
            continue
        paths = uniq
        chosen.append(info)
        for inf in [info] + info["parents"]:
            keys.update(inf["keys"])
            if "cursor" in inf:
                cursors[inf["cursor"][0]] = inf["cursor"][1]
    if not chosen:
        return "no compatible streams"
    records = make_records(keys, cursors)
    response_chains: list[list[str]] = []
    for inf in [i for c in chosen for i in [c] + c["parents"]]:
        for chain in inf["accesses"]["record"]:
            datelike = re.search(r"(?i)(date|time|_at$|updated|created|modified)", chain[-1]) is not None
            for n, rec in enumerate(records, 1):
                # A date-like key read by a template (e.g. copied into the cursor field) gets an ISO date-time.
                leaf = CURSOR_TIMES[n - 1].strftime("%Y-%m-%dT%H:%M:%S+00:00") if datelike else f"{chain[-1]}-{n}"
                add_chain(rec, chain, leaf)
        response_chains += inf["accesses"]["response"]
    full = empty = None
    for p in paths:
        full = merge_path(full, p, records)
        empty = merge_path(empty, p, [])
    session_paths: list[list[str]] = []
    session_nodes: list[dict] = []

    def find_sessions(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "SessionTokenAuthenticator" and isinstance(node.get("session_token_path"), list):
                session_paths.append([str(p) for p in node["session_token_path"]])
                session_nodes.append(node)
            for v in node.values():
                find_sessions(v)
        elif isinstance(node, list):
            for v in node:
                find_sessions(v)

    find_sessions(resolved)
    login_rules = []
    for node in session_nodes:
        # The login request gets the token wherever the records are (a top-level list body cannot carry it).
        req = node.get("login_requester") or {}
        base, sub = str(req.get("url_base") or ""), str(req.get("path") or "")
        if "{{" in base + sub or not re.match(r"^https?://", base):
            continue
        prefix = re.sub(r"^https?://[^/]*", "", base).rstrip("/")
        login_path = prefix + "/" + sub.lstrip("/") if sub else prefix or "/"
        token_body: dict[str, Any] = {}
        add_chain(token_body, [str(p) for p in node.get("session_token_path") or []], "test-session-token")
        login_rules.append({"method": str(req.get("http_method") or "GET").upper(), "path": login_path, "json": token_body})
    for body in (full, empty):
        if isinstance(body, dict):
            # Every response also carries the session token: the login request gets it wherever it goes.
            for chain in session_paths:
                add_chain(body, chain, "test-session-token")
            for chain in response_chains:
                add_chain(body, chain, None)
    xml = chosen[0]["xml"]
    config, secrets = spec_config(raw, manifest_path.name)
    name = "corpus_" + re.sub(r"[^a-z0-9]+", "_", manifest_path.stem.lower()).strip("_")
    sdir = out_root / name
    sdir.mkdir(parents=True, exist_ok=True)
    incremental = [c for c in chosen if "cursor" in c]
    runs: list[dict] = [{"command": "discover"}, {"command": "read"}]
    if incremental:
        runs.append({"command": "read", "state": "previous"})
    scenario = {
        "description": f"Corpus manifest {manifest_path.name}: streams {', '.join(c['name'] for c in chosen)} "
        "with synthetic responses (two records per first page, empty later pages)",
        "corpus": manifest_path.name,
        "secrets": secrets,
        "runs": runs,
        "rules": login_rules + [as_xml(r) if xml else r for r in token_rules(resolved, full, empty)],
        "max_requests": 200,
    }
    previous = json.loads((sdir / "scenario.json").read_text()) if (sdir / "scenario.json").exists() else {}
    if previous.get("failure_path"):
        # Set by hand after the reference refused the scenario: keep the classification and its explanation.
        scenario["failure_path"] = True
        scenario["description"] = previous.get("description", scenario["description"])
    overrides = json.loads(OVERRIDES.read_text()) if OVERRIDES.exists() else {}
    for first_path in (overrides.get(manifest_path.name) or {}).get("first_response_paths") or []:
        # Body-paginated streams: only the first request to this path gets the records (see the override's why).
        body = scenario["rules"][-2]
        scenario["rules"].insert(0, {"path": first_path, "times": 1, **{k: v for k, v in body.items() if k in ("json", "text", "headers")}})
        scenario["rules"].insert(1, {"path": first_path, **{k: v for k, v in scenario["rules"][-1].items() if k in ("json", "text", "headers")}})
    if isinstance(overrides.get(manifest_path.name), dict) and "max_requests" in overrides[manifest_path.name]:
        scenario["max_requests"] = overrides[manifest_path.name]["max_requests"]
    catalog = {
        "streams": [
            {
                "stream": {"name": c["name"], "json_schema": {}, "supported_sync_modes": ["full_refresh", "incremental"]},
                "sync_mode": "incremental" if "cursor" in c else "full_refresh",
                "destination_sync_mode": "append" if "cursor" in c else "overwrite",
            }
            for c in chosen
        ]
    }
    (sdir / "scenario.json").write_text(json.dumps(scenario, indent=1) + "\n")
    (sdir / "config.json").write_text(json.dumps(config, indent=1) + "\n")
    (sdir / "catalog.json").write_text(json.dumps(catalog, indent=1) + "\n")
    return f"{name}: {', '.join(c['name'] + ('*' if 'cursor' in c else '') + ('<sub>' if c['parents'] else '') for c in chosen)}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus-dir", default="/work/shared/corpus/manifests")
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    corpus = Path(args.corpus_dir)
    files = [corpus / f for f in args.files] if args.files else sorted(corpus.glob("*.yaml"))
    for f in files:
        if "class_name" in f.read_text():
            continue
        try:
            print(f"{f.name}: {build(f, SCENARIOS)}")
        except Exception as error:  # noqa: BLE001
            print(f"{f.name}: SKIPPED {error!r}", file=sys.stderr)


if __name__ == "__main__":
    main()
