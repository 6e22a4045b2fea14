#!/usr/bin/env python3
"""Runs Airbyte's reference Python CDK on every conformance scenario and writes the goldens.

Usage (from the repo root):
    /work/.venv-cdk/bin/python conformance/run_reference.py [--only NAME[,NAME]] [--corpus-dir DIR] [--repeat N]

For each tests/conformance/scenarios/<name>/ it starts tests/scenario_server.ts as a subprocess (one fresh server
per run), runs `source-declarative-manifest <command>` with a frozen clock (conformance/ref_entry.py) and writes
expected.json: per run the exit code, the normalised protocol messages and the masked request log. See README.md.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import re
import subprocess
import sys
import tempfile
import multiprocessing
import signal
import time
import traceback
from types import SimpleNamespace
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "tests" / "conformance" / "scenarios"
DENO = os.environ.get("DENO", str(ROOT / ".tools" / "node_modules" / ".bin" / "deno"))
PYTHON = os.environ.get("REFERENCE_PYTHON", sys.executable)
BASE = "__BASE__"
DEFAULT_NOW = "2024-06-01T12:00:00Z"
INJECTED = "__injected_declarative_manifest"

# ---------------------------------------------------------------------------------------------------------------
# Manifest copies of corpus connectors: only URL hosts are rewritten (see README.md, "Corpus manifests").

_URL_KEY = re.compile(r"^(\s*(?:-\s+)?(url_base|url|token_refresh_endpoint|path):[ \t]*)(\S.*?)\s*$")


def _unquote(value: str) -> tuple[str, bool]:
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'"), True
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return json.loads(value), True
    return value, False


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def rewrite_url_line(line: str, templated_base: str = "") -> str:
    """Rewrites one YAML line: an http(s) URL's scheme+host becomes __BASE__ (path kept); a templated
    url_base/url that does not start with http(s) and does not read $parameters becomes __BASE__."""
    m = _URL_KEY.match(line)
    if not m:
        return line
    prefix, key, raw = m.group(1), m.group(2), m.group(3)
    if raw.startswith(("|", ">", "&", "*", "!", "{ ", "[")) or " #" in raw and not raw.startswith(("'", '"')):
        return line
    value, _quoted = _unquote(raw)
    url = re.match(r"^https?://[^/]*(/.*)?$", value)
    if url:
        return prefix + _quote(BASE + (url.group(1) or "")) + "\n"
    if key in ("url_base", "url") and "parameters" not in value and value.strip() != "":
        if "{{" in value or key == "url_base":
            return prefix + _quote(BASE + templated_base) + "\n"
    return line


_BLOCK_KEY = re.compile(r"^(\s*(?:-\s+)?(?:url_base|url|token_refresh_endpoint):[ \t]*)(?:[>|][-+]?)?\s*$")


_HOST = re.compile(r"https?://(?:\{\{.*?\}\}|[^/\s'\"{])+", re.DOTALL)


def rewrite_manifest(text: str, templated_base: str = "") -> str:
    """Applies rewrite_url_line to every line; a url_base/url/token_refresh_endpoint whose value spans lines (a
    block scalar `>-`/`|`, or a plain/quoted scalar continued on the next lines) and holds a template (no
    `parameters`) becomes __BASE__ plus the literal path of the last http(s) URL in it, up to its first template
    (the default branch); when the value starts with an http(s) URL, only that URL's (possibly templated) host
    becomes __BASE__ and the rest (path templates included) is kept."""
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    i = 0
    while i < len(lines):
        m = _BLOCK_KEY.match(lines[i])
        if m:
            indent = len(lines[i]) - len(lines[i].lstrip())
            j = i + 1
            while j < len(lines) and (lines[j].strip() == "" or len(lines[j]) - len(lines[j].lstrip()) > indent):
                j += 1
            block = "".join(lines[i + 1 : j])
            urls = re.findall(r"https?://[^/'\"\s]*(/[^'\"\s{]*)?", block)
            nested = re.search(r"^\s*(-\s|[\w$.]+:(\s|$))", block, re.MULTILINE) is not None
            if not nested and re.match(r"""^\s*['"]?https?://""", block):
                # A URL literal continued over lines: only its host (possibly templated) becomes __BASE__.
                out.append(lines[i])
                out.append(_HOST.sub(BASE, block, count=1))
                i = j
                continue
            if "{{" in block and "parameters" not in block and not nested:
                out.append(m.group(1).rstrip() + " " + _quote(BASE + (urls[-1] if urls else "")) + "\n")
                i = j
                continue
        out.append(rewrite_url_line(lines[i], templated_base))
        i += 1
    return "".join(out)


# ---------------------------------------------------------------------------------------------------------------
# Substitution, masking, normalisation (mirrored by tests/conformance_test.ts).


def substitute(value: Any, base: str) -> Any:
    if isinstance(value, str):
        return value.replace(BASE, base)
    if isinstance(value, list):
        return [substitute(v, base) for v in value]
    if isinstance(value, dict):
        return {k: substitute(v, base) for k, v in value.items()}
    return value


def secret_values(config: dict, keys: list[str]) -> list[tuple[str, str]]:
    out = []
    for key in keys:
        node: Any = config
        for part in key.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, str) and len(node) >= 3:
            out.append((node, f"<secret:{key}>"))
        elif isinstance(node, (int, float)) and not isinstance(node, bool) and len(str(node)) >= 3:
            out.append((str(node), f"<secret:{key}>"))
    return sorted(out, key=lambda p: -len(p[0]))


def mask(value: Any, secrets: list[tuple[str, str]]) -> Any:
    if isinstance(value, str):
        if value.startswith("Basic "):
            try:
                decoded = base64.b64decode(value[6:], validate=True).decode("utf-8")
                return "Basic " + mask(decoded, secrets)
            except Exception:
                pass
        for secret, label in secrets:
            value = value.replace(secret, label)
        return value
    if isinstance(value, list):
        return [mask(v, secrets) for v in value]
    if isinstance(value, dict):
        return {k: mask(v, secrets) for k, v in value.items()}
    return value


def normalise_request(req: dict, base: str, secrets: list[tuple[str, str]]) -> dict:
    out: dict[str, Any] = {
        "method": req["method"],
        "path": req["path"],
        "query": [[k, v.replace(base, BASE)] for k, v in req["query"]],
        "headers": {k: v.replace(base, BASE) for k, v in req["headers"].items()},
    }
    body = req.get("body")
    if body is not None:
        ctype = req["headers"].get("content-type", "")
        if "json" in ctype:
            try:
                out["body_json"] = json.loads(body)
            except ValueError:
                out["body"] = body
        elif "x-www-form-urlencoded" in ctype:
            out["body_form"] = sorted([k, v] for k, v in parse_qsl(body, keep_blank_values=True))
        else:
            out["body"] = body
    return mask(substitute_back(out, base), secrets)


def substitute_back(value: Any, base: str) -> Any:
    if isinstance(value, str):
        return value.replace(base, BASE)
    if isinstance(value, list):
        return [substitute_back(v, base) for v in value]
    if isinstance(value, dict):
        return {k: substitute_back(v, base) for k, v in value.items()}
    return value


def normalise_state(state: dict) -> dict:
    out: dict[str, Any] = {"type": state.get("type", "LEGACY")}
    if "stream" in state and state["stream"] is not None:
        desc = {"name": state["stream"]["stream_descriptor"]["name"]}
        if state["stream"]["stream_descriptor"].get("namespace"):
            desc["namespace"] = state["stream"]["stream_descriptor"]["namespace"]
        out["stream"] = {"stream_descriptor": desc, "stream_state": state["stream"].get("stream_state")}
    if "global" in state and state["global"] is not None:
        g = state["global"]
        out["global"] = {
            "shared_state": g.get("shared_state"),
            "stream_states": [
                {"stream_descriptor": {"name": s["stream_descriptor"]["name"]}, "stream_state": s.get("stream_state")}
                for s in g.get("stream_states", [])
            ],
        }
    if "data" in state and out["type"] == "LEGACY":
        out["data"] = state["data"]
    return out


def normalise_message(msg: dict, base: str) -> dict | None:
    t = msg.get("type")
    if t == "RECORD":
        r = msg["record"]
        return substitute_back({"type": "RECORD", "stream": r["stream"], "data": r["data"]}, base)
    if t == "STATE":
        return {"type": "STATE", "state": substitute_back(normalise_state(msg["state"]), base)}
    if t == "TRACE" and msg["trace"].get("type") == "ERROR":
        return {"type": "TRACE", "failure_type": msg["trace"]["error"].get("failure_type")}
    if t == "CONNECTION_STATUS":
        return {"type": "CONNECTION_STATUS", "status": msg["connectionStatus"]["status"]}
    if t == "CATALOG":
        streams = []
        for s in msg["catalog"]["streams"]:
            streams.append(
                {
                    "name": s["name"],
                    "json_schema": s.get("json_schema"),
                    "supported_sync_modes": sorted(s.get("supported_sync_modes") or []),
                    "source_defined_cursor": bool(s.get("source_defined_cursor")),
                    "default_cursor_field": s.get("default_cursor_field") or [],
                    "source_defined_primary_key": s.get("source_defined_primary_key") or [],
                }
            )
        return {"type": "CATALOG", "streams": streams}
    if t == "CONTROL":
        # source-declarative-manifest injects --manifest-path into the config it echoes; not connector behaviour.
        config = {k: v for k, v in msg["control"]["connectorConfig"]["config"].items() if k != INJECTED}
        return substitute_back({"type": "CONTROL", "config": config}, base)
    return None


def final_states(messages: list[dict]) -> list[dict]:
    """The last raw STATE message per stream (or the last global one), as input state for the next run."""
    last: dict[str, dict] = {}
    for msg in messages:
        if msg.get("type") != "STATE":
            continue
        state = dict(msg["state"])
        state.pop("sourceStats", None)
        state.pop("destinationStats", None)
        if state.get("type") == "GLOBAL":
            last["__global__"] = state
        elif state.get("stream"):
            last[state["stream"]["stream_descriptor"]["name"]] = state
        else:
            last["__legacy__"] = state
    return list(last.values())


# ---------------------------------------------------------------------------------------------------------------


def run_reference_forked(now: str, args: list[str], cwd: Path, timeout: float) -> SimpleNamespace:
    """Runs `source-declarative-manifest ARGS` in a forked child under a frozen clock (see ref_entry.py)."""
    out_path, err_path = cwd / "stdout.txt", cwd / "stderr.txt"
    pid = os.fork()
    if pid == 0:  # child
        code = 1
        try:
            os.chdir(cwd)
            out_fd = os.open(out_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
            err_fd = os.open(err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
            os.dup2(out_fd, 1)
            os.dup2(err_fd, 2)
            from freezegun import freeze_time

            from airbyte_cdk.cli.source_declarative_manifest._run import handle_remote_manifest_command

            try:
                with freeze_time(now, tick=False):
                    handle_remote_manifest_command(args)
                code = 0
            except SystemExit as exit_:
                code = exit_.code if isinstance(exit_.code, int) else 1
            except BaseException:  # noqa: BLE001 - an uncaught exception, as in the real entry point:
                # the CDK's sys.excepthook (installed by AirbyteEntrypoint) prints the final TRACE message.
                sys.excepthook(*sys.exc_info())
                code = 1
        finally:
            try:
                sys.stdout.flush()
                sys.stderr.flush()
            finally:
                os._exit(code)
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            status = 9 << 8
            break
        time.sleep(0.05)
    code = os.waitstatus_to_exitcode(status) if hasattr(os, "waitstatus_to_exitcode") else status >> 8
    return SimpleNamespace(returncode=code, stdout=out_path.read_text(), stderr=err_path.read_text())


def start_server(scenario_file: Path, index: int) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen(
        [DENO, "run", "-A", str(ROOT / "tests" / "scenario_server.ts"), str(scenario_file), str(index)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    line = proc.stdout.readline()  # type: ignore[union-attr]
    port = json.loads(line)["port"]
    return proc, f"http://127.0.0.1:{port}"


def stop_server(proc: subprocess.Popen) -> list[dict]:
    proc.stdin.close()  # type: ignore[union-attr]
    out = proc.stdout.read()  # type: ignore[union-attr]
    proc.wait(timeout=30)
    return json.loads(out.strip().splitlines()[-1])


def load_json(path: Path) -> Any:
    return json.loads(path.read_text())


def run_scenario(sdir: Path, corpus_dir: Path | None) -> dict:
    scenario_file = sdir / "scenario.json"
    scenario = load_json(scenario_file)
    if scenario.get("corpus"):
        if corpus_dir is None:
            raise SystemExit("--corpus-dir is needed to (re)generate corpus manifest copies")
        src = corpus_dir / scenario["corpus"]
        overrides_file = Path(__file__).resolve().parent / "corpus_config_overrides.json"
        overrides = json.loads(overrides_file.read_text()) if overrides_file.exists() else {}
        # A templated url_base becomes __BASE__ plus this suffix (e.g. "/" when the manifest appends paths to it).
        templated_base = str((overrides.get(scenario["corpus"]) or {}).get("templated_url_base", ""))
        text = rewrite_manifest(src.read_text(), templated_base)
        header = (
            f"# Copy of corpus manifest {scenario['corpus']} made by conformance/run_reference.py:\n"
            "# only http(s) hosts of url_base/url/path/token_refresh_endpoint are rewritten to __BASE__.\n"
        )
        (sdir / "manifest.yaml").write_text(header + text)
    manifest_text = (sdir / "manifest.yaml").read_text()
    config_tpl = load_json(sdir / "config.json")
    catalog = load_json(sdir / "catalog.json") if (sdir / "catalog.json").exists() else None
    now = scenario.get("now", DEFAULT_NOW)
    runs_out = []
    previous_raw: list[dict] = []
    for index, run in enumerate(scenario.get("runs", [{"command": "read"}])):
        command = run["command"]
        proc, base = start_server(scenario_file, index)
        try:
            with tempfile.TemporaryDirectory() as tmp:
                t = Path(tmp)
                config = substitute(config_tpl, base)
                secrets = secret_values(config, scenario.get("secrets", []))
                (t / "manifest.yaml").write_text(manifest_text.replace(BASE, base))
                (t / "config.json").write_text(json.dumps(config))
                args = [command, "--config", str(t / "config.json"), "--manifest-path", str(t / "manifest.yaml")]
                if command == "read":
                    (t / "catalog.json").write_text(json.dumps(catalog))
                    args += ["--catalog", str(t / "catalog.json")]
                    state_ref = run.get("state")
                    state = None
                    if state_ref == "previous":
                        state = substitute(previous_raw, base)
                    elif isinstance(state_ref, str):
                        state = load_json(sdir / state_ref)
                    elif state_ref is not None:
                        state = state_ref
                    if state is not None and state_ref != "previous":
                        state = substitute(state, base)
                    if state is not None:
                        (t / "state.json").write_text(json.dumps(state))
                        args += ["--state", str(t / "state.json")]
                res = run_reference_forked(now, args, t, timeout=90)
        finally:
            requests = stop_server(proc)
        raw = []
        for line in res.stdout.splitlines():
            line = line.strip()
            if line.startswith("{"):
                try:
                    raw.append(json.loads(line))
                except ValueError:
                    pass
        messages = [m for m in (normalise_message(x, base) for x in raw) if m is not None]
        if command == "read":
            previous_raw = [substitute_back(s, base) for s in final_states(raw)]
        runs_out.append(
            {
                "command": command,
                "exit_code": res.returncode,
                "messages": messages,
                "requests": [normalise_request(r, base, secrets) for r in requests],
            }
        )
        if res.returncode != 0 and not any(m["type"] == "TRACE" for m in messages):
            sys.stderr.write(f"{sdir.name} run {index}: exit {res.returncode}\n{res.stderr[-3000:]}\n")
    return {"reference": reference_version(), "now": now, "runs": runs_out}


_VERSION: str | None = None


def reference_version() -> str:
    global _VERSION
    if _VERSION is None:
        out = subprocess.run(
            [PYTHON, "-c", "import importlib.metadata as m; print(m.version('airbyte-cdk'))"],
            capture_output=True,
            text=True,
        )
        _VERSION = "airbyte-cdk " + out.stdout.strip()
    return _VERSION


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", default="")
    parser.add_argument("--corpus-dir", default="/work/shared/corpus/manifests")
    parser.add_argument("--repeat", type=int, default=3, help="run N times and report nondeterminism")
    parser.add_argument("--jobs", type=int, default=4, help="scenarios run at once")
    args = parser.parse_args()
    only = {x for x in args.only.split(",") if x}
    corpus_dir = Path(args.corpus_dir) if args.corpus_dir else None
    dirs = [p for p in sorted(SCENARIOS.iterdir()) if (p / "scenario.json").exists() and (not only or p.name in only)]
    # Import the reference once; every run is a fork of a single-threaded worker (fast and isolated).
    import airbyte_cdk.cli.source_declarative_manifest._run  # noqa: F401

    with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
        for line in pool.imap_unordered(one, [(d, corpus_dir, args.repeat) for d in dirs]):
            print(line, flush=True)


def one(job: tuple[Path, Path | None, int]) -> str:
    sdir, corpus_dir, repeat = job
    try:
        result = run_scenario(sdir, corpus_dir)
        for _ in range(repeat - 1):
            again = run_scenario(sdir, corpus_dir)
            if canonical(again) != canonical(result):
                # The reference reads partitions concurrently: intermediate STATE values depend on timing.
                result["nondeterministic"] = True
                if finals(again) != finals(result):
                    sys.stderr.write(f"{sdir.name}: final state or records differ between repeats\n")
        (sdir / "expected.json").write_text(json.dumps(result, indent=1, sort_keys=False) + "\n")
        summary = ", ".join(
            f"{r['command']}:{r['exit_code']}/{sum(1 for m in r['messages'] if m['type'] == 'RECORD')}rec/"
            f"{len(r['requests'])}req" for r in result["runs"]
        )
        return f"{sdir.name}: {summary}"
    except Exception as error:  # noqa: BLE001
        return f"{sdir.name}: DRIVER ERROR {error!r}"


def finals(result: dict) -> str:
    runs = []
    for r in result["runs"]:
        last = {}
        for m in r["messages"]:
            if m["type"] == "STATE":
                last[json.dumps(m["state"].get("stream", {}).get("stream_descriptor"), sort_keys=True)] = m
        records = sorted(json.dumps(m, sort_keys=True) for m in r["messages"] if m["type"] == "RECORD")
        runs.append({"exit": r["exit_code"], "state": last, "records": records})
    return json.dumps(runs, sort_keys=True)


def canonical(result: dict) -> str:
    runs = []
    for r in result["runs"]:
        runs.append(
            {
                "exit": r["exit_code"],
                "messages": sorted(json.dumps(m, sort_keys=True) for m in r["messages"]),
                "requests": sorted(json.dumps(q, sort_keys=True) for q in r["requests"]),
            }
        )
    return json.dumps(runs)


if __name__ == "__main__":
    main()
