"""Regenerates the differential-test fixtures from the reference Airbyte CDK (fixed seed).

Run from the repository root with the CDK's Python:  python src/transform/testdata/generate.py
Writes src/transform/testdata/reference_cdk.json and src/extract/testdata/reference_cdk.json.
"""
import json, random, csv, io, xmltodict
from airbyte_cdk.sources.declarative.transformations.keys_to_snake_transformation import KeysToSnakeCaseTransformation
from airbyte_cdk.sources.declarative.transformations.flatten_fields import FlattenFields
from airbyte_cdk.sources.utils.transform import TypeTransformer, TransformConfig
import logging; logging.disable(logging.CRITICAL)
rnd = random.Random(42)
# snake case keys
alphabet = "abcXYZ019 _-.$AB"
k = KeysToSnakeCaseTransformation()
keys = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 10))) for _ in range(300)]
snake = [[key, k.process_key(key)] for key in keys]
# flatten
def rv(d):
    r = rnd.random()
    if d > 3 or r < 0.4: return rnd.choice([1, "s", None, True, 2.5])
    if r < 0.7: return {rnd.choice("abcde"): rv(d+1) for _ in range(rnd.randint(0, 3))}
    return [rv(d+1) for _ in range(rnd.randint(0, 3))]
flat = []
for _ in range(150):
    rec = {rnd.choice("abcde"): rv(1) for _ in range(rnd.randint(1, 4))}
    fl = rnd.random() < 0.7
    out = json.loads(json.dumps(rec)); FlattenFields(flatten_lists=fl).transform(out)
    flat.append({"input": rec, "flatten_lists": fl, "output": out, "keys": list(out.keys())})
# normalize
types = ["string", "number", "integer", "boolean", ["null", "string"], ["null", "integer"], ["null", "number"], ["null","boolean"], "array", ["string", "integer"], "object"]
values = ["12", " 7 ", "1.5", "-3", "1e3", "abc", "", "yes", "No", "off", "TRUE", "0", "1", 0, 1, 2.5, -0.5, True, False, None, [1], {"a": 1}, "1_000", "+4"]
t = TypeTransformer(TransformConfig.DefaultSchemaNormalization)
norm = []
for ty in types:
    for v in values:
        sch = {"type": "object", "properties": {"v": {"type": ty}}}
        if ty == "array" and rnd.random() < 0.5: sch["properties"]["v"]["items"] = {"type": ["null", "string"]}
        rec = {"v": json.loads(json.dumps(v))}
        try:
            t.transform(rec, sch)
            norm.append({"schema": sch["properties"]["v"], "input": v, "output": rec["v"]})
        except Exception as e:
            pass
json.dump({"snake": snake, "flatten": flat, "normalize": norm}, open("src/transform/testdata/reference_cdk.json", "w"), indent=None)
# csv
chars = ['a', 'b', ',', '"', '\n', '\r\n', ' ', 'x', '""']
csvs = []
for _ in range(300):
    s = "h1,h2,h3\n" + "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 25)))
    try:
        rows = list(csv.DictReader(io.TextIOWrapper(io.BytesIO(s.encode()), encoding="utf-8")))
    except Exception as e:
        continue
    if any(None in r for r in rows): continue
    # skip inputs ending inside an open quote (we reject truncated CSV)
    st = None
    # The body ended inside quotes when a marker appended on its own line is swallowed by a field.
    probe = list(csv.reader(io.StringIO(s + "\nZZMARK\n", newline=None)))
    truncated = not (probe and probe[-1] == ["ZZMARK"])
    csvs.append({"input": s, "rows": rows, "truncated": truncated})
# xml
def rx(d):
    tag = rnd.choice(["a", "b", "c"])
    attrs = "".join(f' {n}="{rnd.choice(["1", "x y", "&amp;"])}"' for n in rnd.sample(["p", "q"], rnd.randint(0, 2)))
    if d > 3 or rnd.random() < 0.3:
        body = rnd.choice(["", "t", " t ", "&lt;x&gt;", "<![CDATA[c]]>"])
    else:
        body = "".join(rnd.choice(["", " w "]) + rx(d + 1) for _ in range(rnd.randint(1, 3)))
    return f"<{tag}{attrs}>{body}</{tag}>"
xmls = []
for _ in range(150):
    x = "<root>" + rx(1) + rx(1) + "</root>"
    xmls.append({"input": x, "output": xmltodict.parse(x)})
json.dump({"csv": csvs, "xml": xmls}, open("src/extract/testdata/reference_cdk.json", "w"), indent=None)
print(len(snake), len(flat), len(norm), len(csvs), len(xmls))

# dpath (used by DpathExtractor, RemoveFields, AddFields, DpathFlattenFields)
import copy
import dpath
import dpath.exceptions
def rdoc(d):
    r = rnd.random()
    if d > 3 or r < 0.35:
        return rnd.choice([1, 2, "s", None])
    if r < 0.7:
        return {rnd.choice(["a", "b", "c", "ab"]): rdoc(d + 1) for _ in range(rnd.randint(0, 3))}
    return [rdoc(d + 1) for _ in range(rnd.randint(0, 3))]
segs = ["a", "b", "c", "ab", "*", "**", "0", "1", "-1", "a*", "?"]
dp = []
for _ in range(250):
    doc = {k: rdoc(1) for k in rnd.sample(["a", "b", "c"], rnd.randint(1, 3))}
    path = [rnd.choice(segs) for _ in range(rnd.randint(1, 3))]
    if path.count("**") > 1:
        continue  # dpath allows one ** per glob
    case = {"doc": doc, "path": path}
    case["values"] = dpath.values(doc, path)
    try:
        case["get"] = dpath.get(doc, path, default="MISSING")
    except ValueError:
        case["get"] = "MULTIPLE"
    for name, flt in [("delete", None), ("delete_ones", lambda v: v == 1)]:
        d2 = copy.deepcopy(doc)
        try:
            n = dpath.delete(d2, path, afilter=flt)
        except dpath.exceptions.PathNotFound:
            n = 0
        case[name] = {"doc": d2, "count": n}
    dp.append(case)
new_cases = []
for _ in range(100):
    doc = {k: rdoc(2) for k in rnd.sample(["a", "b", "c"], rnd.randint(0, 3))}
    path = [rnd.choice(["a", "b", "x", "0", "2"]) for _ in range(rnd.randint(1, 3))]
    d2 = copy.deepcopy(doc)
    try:
        dpath.new(d2, path, "V")
        new_cases.append({"doc": doc, "path": path, "out": d2})
    except Exception as e:
        new_cases.append({"doc": doc, "path": path, "error": type(e).__name__})
json.dump({"cases": dp, "new": new_cases}, open("src/extract/testdata/dpath_reference.json", "w"), indent=None)
print("dpath", len(dp), len(new_cases))
