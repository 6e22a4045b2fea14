"""Dev script (not shipped, not run by tests): drafts spout's zod schemas, component metadata and the
manifest interfaces from Airbyte's declarative_component_schema.yaml. Its output was reviewed and committed;
rerun it after a schema upgrade and review the diff:

    python3 src/declarative/_schema/generate_schemas.py /work/shared/reference/declarative_component_schema.yaml

Needs PyYAML. Writes src/declarative/_schema/{families}.ts, meta.ts and src/declarative/manifest_types.ts.
"""

import json
import os
import re
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))

# family file -> (title, name patterns); first match wins, "misc" catches the rest
FAMILIES = [
    ("custom", "custom components (Python `class_name`)", [r"^Custom"]),
    ("auth", "authenticators", [r"Authenticator$", r"^AuthFlow$", r"^NoAuth$", r"^OAuthConfigSpecification$",
                                r"^TokenQuota$", r"^QuotaStatusSource$"]),
    ("http", "requesters, request options and bodies, rate limits",
     [r"^HttpRequester$", r"^RequestOption$", r"^RequestPath$", r"^RequestBody", r"^HTTPAPIBudget$",
      r"CallRatePolicy$", r"^Rate$", r"^HttpRequestRegexMatcher$", r"^PropertiesFromEndpoint$",
      r"^PropertyChunking$", r"^QueryProperties$", r"^GroupByKeyMergeStrategy$"]),
    ("error_handling", "error handlers and backoff",
     [r"ErrorHandler$", r"BackoffStrategy$", r"^HttpResponseFilter$", r"^WaitTime", r"^WaitUntil"]),
    ("pagination", "paginators", [r"Paginat", r"Increment$"]),
    ("extract", "record selection and decoders",
     [r"Extractor$", r"^RecordSelector$", r"^RecordFilter$", r"^RecordExpander$", r"Decoder$",
      r"^SchemaNormalization$"]),
    ("partition", "partition routers", [r"PartitionRouter$", r"^ParentStreamConfig$"]),
    ("incremental", "incremental sync", [r"Cursor$", r"^MinMaxDatetime$", r"StateMigration$"]),
    ("transform", "record transformations",
     [r"^AddFields$", r"^AddedFieldDefinition$", r"^RemoveFields$", r"^KeysTo", r"Flatten", r"^KeysReplace$",
      r"^KeyTransformation$", r"^ValueType$"]),
    ("schema_loading", "schema loaders", [r"SchemaLoader$", r"^TypesMap$", r"^SchemaTypeIdentifier$",
                                          r"^ComplexFieldType$", r"^JsonSchemaPropertySelector$", r"^Schemas$"]),
    ("dynamic", "dynamic streams and component resolvers",
     [r"Resolver$", r"^ComponentMappingDefinition$", r"^StreamConfig$", r"^StreamParametersDefinition$",
      r"^DynamicDeclarativeStream$", r"^DynamicStreamCheckConfig$", r"^CheckDynamicStream$"]),
    ("config", "config migrations, transformations and validations",
     [r"^Config", r"Validator$", r"^ValidateAdheresToSchema$"]),
    ("misc", "streams, retrievers, spec and the rest", [r""]),
]

IDENT = re.compile(r"^[A-Za-z_$][\w$]*$")


def family_of(name):
    for fam, _title, patterns in FAMILIES:
        if any(re.search(p, name) for p in patterns):
            return fam
    return "misc"


def type_literal(defn):
    t = (defn.get("properties") or {}).get("type")
    if isinstance(t, dict) and isinstance(t.get("enum"), list) and len(t["enum"]) == 1:
        return t["enum"][0]
    return None


class Gen:
    def __init__(self, schema):
        self.schema = schema
        self.defs = schema["definitions"]
        self.literal = {k: type_literal(v) for k, v in self.defs.items()}

    def is_component_ref(self, s):
        return set(s.keys()) - {"description", "title"} == {"$ref"} and self.literal.get(s["$ref"].split("/")[-1])

    # ---- zod -------------------------------------------------------------------------------------------
    def zod(self, s):
        if not isinstance(s, dict):
            return "z.unknown()"
        if "$ref" in s:
            name = s["$ref"].split("/")[-1]
            if self.literal.get(name):
                return f'components(["{name}"])'
            return f'ref("{name}")'
        if "anyOf" in s:
            comps = [a["$ref"].split("/")[-1] for a in s["anyOf"] if self.is_component_ref(a)]
            others = [a for a in s["anyOf"] if not self.is_component_ref(a)]
            parts = [self.zod(a) for a in others]
            if comps:
                parts.append("components([" + ", ".join(json.dumps(c) for c in comps) + "])")
            return parts[0] if len(parts) == 1 else "z.union([" + ", ".join(parts) + "])"
        if "enum" in s:
            vals = s["enum"]
            if all(isinstance(v, str) for v in vals):
                return "z.enum([" + ", ".join(json.dumps(v) for v in vals) + "])"
            lits = ["z.null()" if v is None else f"z.literal({json.dumps(v)})" for v in vals]
            return lits[0] if len(lits) == 1 else "z.union([" + ", ".join(lits) + "])"
        t = s.get("type")
        if isinstance(t, list):
            return "z.union([" + ", ".join(self.zod({**s, "type": x}) for x in t) + "])"
        if t == "string":
            return "z.string()"
        if t in ("integer", "number"):
            out = "z.number().int()" if t == "integer" else "z.number()"
            if "minimum" in s:
                out += f".min({s['minimum']})"
            if "exclusiveMinimum" in s:
                out += f".gt({s['exclusiveMinimum']})"
            return out
        if t == "boolean":
            return "z.boolean()"
        if t == "null":
            return "z.null()"
        if t == "array":
            out = f"z.array({self.zod(s['items'])})" if "items" in s else "z.array(z.unknown())"
            if "minItems" in s:
                out += f".min({s['minItems']})"
            return out
        if t == "object" or "properties" in s:
            return self.zod_object(s)
        return "z.unknown()"

    def zod_object(self, s, indent="    "):
        props = s.get("properties")
        ap = s.get("additionalProperties", True)
        if not props:
            if isinstance(ap, dict):
                return f"z.record(z.string(), {self.zod(ap)})"
            return "z.record(z.string(), z.unknown())"
        req = set(s.get("required", []))
        lines = []
        for pname, p in props.items():
            expr = self.zod(p)
            if pname not in req:
                expr += ".optional()"
            key = pname if IDENT.match(pname) else json.dumps(pname)
            lines.append(f"{indent}  {key}: {expr},")
        body = "{\n" + "\n".join(lines) + f"\n{indent}}}"
        if ap is False:
            return f"z.strictObject({body})"
        if isinstance(ap, dict):
            return f"z.object({body}).catchall({self.zod(ap)})"
        return f"z.looseObject({body})"

    # ---- TypeScript --------------------------------------------------------------------------------------
    def ts(self, s, depth=1):
        if not isinstance(s, dict):
            return "unknown"
        if "$ref" in s:
            return s["$ref"].split("/")[-1]
        if "anyOf" in s:
            return " | ".join(dict.fromkeys(self.ts(a, depth) for a in s["anyOf"]))
        if "enum" in s:
            return " | ".join("null" if v is None else json.dumps(v) for v in s["enum"])
        t = s.get("type")
        if isinstance(t, list):
            return " | ".join(self.ts({**s, "type": x}, depth) for x in t)
        if t == "string":
            return "string"
        if t in ("integer", "number"):
            return "number"
        if t == "boolean":
            return "boolean"
        if t == "null":
            return "null"
        if t == "array":
            inner = self.ts(s.get("items"), depth) if "items" in s else "unknown"
            return f"({inner})[]" if ("|" in inner or "&" in inner) else f"{inner}[]"
        if t == "object" or "properties" in s:
            props = s.get("properties")
            ap = s.get("additionalProperties", True)
            if not props:
                if isinstance(ap, dict):
                    return f"{{ [key: string]: {self.ts(ap, depth)} }}"
                return "{ [key: string]: unknown }"
            return self.ts_members(s, depth)
        return "unknown"

    def ts_members(self, s, depth):
        pad = "  " * depth
        req = set(s.get("required", []))
        lines = ["{"]
        for pname, p in s["properties"].items():
            key = pname if IDENT.match(pname) else json.dumps(pname)
            opt = "" if pname in req else "?"
            doc = []
            if isinstance(p, dict) and p.get("title"):
                doc.append(p["title"].rstrip(".") + ".")
            elif pname == "type":
                doc.append("Component type.")
            elif pname == "$parameters":
                doc.append("Parameters passed down to nested components.")
            else:
                doc.append(f"`{pname}`.")
            if isinstance(p, dict) and p.get("deprecated"):
                doc.append("@deprecated " + (p.get("deprecation_message") or "deprecated in the schema").strip())
            if doc:
                lines.append(f"{pad}/** {' '.join(doc)} */")
            lines.append(f"{pad}{key}{opt}: {self.ts(p, depth + 1)};")
        ap = s.get("additionalProperties", True)
        if ap is not False:
            extra = self.ts(ap, depth + 1) if isinstance(ap, dict) else "unknown"
            lines.append(f"{pad}/** Other keys (e.g. propagated `$parameters`) are kept. */")
            lines.append(f"{pad}[key: string]: {extra};")
        lines.append("  " * (depth - 1) + "}")
        return "\n".join(lines)


def main():
    path = sys.argv[1]
    schema = yaml.safe_load(open(path))
    gen = Gen(schema)
    defs = gen.defs
    by_family = {}
    for name in sorted(defs):
        by_family.setdefault(family_of(name), []).append(name)

    for fam, title, _ in FAMILIES:
        names = by_family.get(fam, [])
        if not names:
            continue
        const = fam.upper() + "_SCHEMAS"
        out = [
            "/**",
            f" * Zod schemas for {title}, one per definition of Airbyte's",
            " * declarative_component_schema.yaml (drafted by generate_schemas.py, reviewed). Unknown keys are",
            " * allowed wherever the schema allows them, as the reference's JSON-schema validation does.",
            " * @module",
            " */",
            'import { z } from "../../_deps/zod.ts";',
            "IMPORTS",
            "",
            f"/** {title[0].upper() + title[1:]}, by definition name. */",
            f"export const {const}: Record<string, z.ZodType> = {{",
        ]
        if fam == "misc":
            root = {k: v for k, v in schema.items() if k in ("properties", "required", "additionalProperties")}
            root["type"] = "object"
            out.append("  // the manifest root; its `streams` / `dynamic_streams` alternative is checked in mod.ts")
            out.append(f"  DeclarativeSource: {gen.zod(root)},")
        for name in names:
            out.append(f"  {name}: {gen.zod(defs[name])},")
        out.append("};")
        text = "\n".join(out) + "\n"
        used = [n for n in ("components", "ref") if (n + "(") in text.split("IMPORTS", 1)[1]]
        imp = ('import { ' + ", ".join(used) + ' } from "./ref.ts";') if used else ""
        text = text.replace("IMPORTS\n", imp + "\n" if imp else "")
        open(os.path.join(HERE, fam + ".ts"), "w").write(text)

    # metadata: fields, required, deprecations, type literal
    meta = {}
    for name, d in sorted(defs.items()):
        entry = {}
        if gen.literal.get(name):
            entry["type"] = gen.literal[name]
        if d.get("properties"):
            entry["fields"] = list(d["properties"].keys())
            entry["required"] = [r for r in d.get("required", [])]
            dep = {k: (v.get("deprecation_message") or "deprecated").strip()
                   for k, v in d["properties"].items() if isinstance(v, dict) and v.get("deprecated")}
            if dep:
                entry["deprecatedFields"] = dep
            if d.get("additionalProperties") is False:
                entry["closed"] = True
        if d.get("deprecated"):
            entry["deprecated"] = (d.get("deprecation_message") or "deprecated").strip()
        meta[name] = entry
    root = {
        "fields": list(schema["properties"].keys()),
        "required": schema.get("required", []),
        "closed": schema.get("additionalProperties") is False,
    }
    lines = [
        "/**",
        " * Per-definition facts used for messages: fields (for \"did you mean\"), required fields, deprecations.",
        " * Drafted by generate_schemas.py from declarative_component_schema.yaml, reviewed.",
        " * @module",
        " */",
        "",
        "/** Facts about one schema definition. */",
        "export interface DefinitionMeta {",
        "  /** The `type` value of the component, when it has one (differs from the name for ApiKey/Bearer). */",
        "  type?: string;",
        "  /** Declared fields. */",
        "  fields?: readonly string[];",
        "  /** Required fields. */",
        "  required?: readonly string[];",
        "  /** Deprecated fields -> deprecation message. */",
        "  deprecatedFields?: Readonly<Record<string, string>>;",
        "  /** Deprecation message when the whole component is deprecated. */",
        "  deprecated?: string;",
        "  /** True when unknown keys are rejected. */",
        "  closed?: boolean;",
        "}",
        "",
        "/** Facts per definition name. */",
        "export const DEFINITIONS: Readonly<Record<string, DefinitionMeta>> = " + json.dumps(meta, indent=2) + ";",
        "",
        "/** Facts about the manifest root (DeclarativeSource). */",
        "export const ROOT: DefinitionMeta = " + json.dumps(root, indent=2) + ";",
    ]
    open(os.path.join(HERE, "meta.ts"), "w").write("\n".join(lines) + "\n")

    # interfaces
    ts = [
        "/**",
        " * Plain TypeScript shapes of every manifest component, as the factory receives them after",
        " * `resolveManifest` (references resolved, default types filled, `$parameters` propagated) and",
        " * validation. One declaration per definition of Airbyte's declarative_component_schema.yaml (drafted by",
        " * src/declarative/_schema/generate_schemas.py, reviewed). Components keep unknown keys, as the",
        " * reference does, so every interface has an index signature.",
        " * @module",
        " */",
        "",
    ]
    root_schema = {k: v for k, v in schema.items() if k in ("properties", "required", "additionalProperties")}
    root_schema["type"] = "object"
    ts.append("/** The manifest root: a `DeclarativeSource`. */")
    ts.append("export interface DeclarativeSource " + gen.ts(root_schema, 1))
    ts.append("")
    for name, d in sorted(defs.items()):
        doc = f"Manifest definition `{name}`"
        if gen.literal.get(name) and gen.literal[name] != name:
            doc += f" (`type: {gen.literal[name]}`)"
        doc += "."
        if d.get("deprecated"):
            doc += " @deprecated " + (d.get("deprecation_message") or "deprecated in the schema").strip()
        ts.append(f"/** {doc} */")
        body = gen.ts(d, 1)
        if body.startswith("{\n") and (d.get("type") == "object" or "properties" in d) and d.get("properties"):
            ts.append(f"export interface {name} {body}")
        else:
            ts.append(f"export type {name} = {body};")
        ts.append("")
    comp = sorted(n for n in defs if gen.literal.get(n))
    ts.append("/** Every component that has a `type`. */")
    ts.append("export type ManifestComponent =\n  | " + "\n  | ".join(comp) + ";")
    open(os.path.join(HERE, "..", "manifest_types.ts"), "w").write("\n".join(ts) + "\n")


if __name__ == "__main__":
    main()
