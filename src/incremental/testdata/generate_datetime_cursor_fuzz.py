# Generates datetime_cursor_fuzz.json with the reference CDK: /work/.venv-cdk/bin/python generate_datetime_cursor_fuzz.py
import json, datetime, random
from airbyte_cdk.sources.streams.concurrent.cursor import ConcurrentCursor, CursorField
from airbyte_cdk.sources.streams.concurrent.state_converters.datetime_stream_state_converter import CustomFormatConcurrentStreamStateConverter
from airbyte_cdk.sources.message import NoopMessageRepository
from airbyte_cdk.sources.connector_state_manager import ConnectorStateManager
from airbyte_cdk.sources.declarative.datetime.datetime_parser import DatetimeParser
from airbyte_cdk.sources.types import Record
from airbyte_cdk.sources.streams.concurrent.clamping import DayClampingStrategy, MonthClampingStrategy, WeekClampingStrategy, Weekday, ClampingEndProvider
from isodate import parse_duration

class P:
    def __init__(self, s): self.s = s
    def to_slice(self): return self.s

rnd = random.Random(42)
parser = DatetimeParser()
FORMATS = ["%Y-%m-%d", "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M:%S.%fZ", "%s", "%ms", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d %H:%M:%S"]
STEPS = [None, "PT6H", "P1D", "P3D", "P1W", "P1M", "PT30M"]
GRANS = ["PT1S", "P1D", "PT0.000001S", "PT1M", "PT1H"]
LOOKS = [None, None, "PT1H", "P1D", "P2D", "P1M"]
CLAMPS = [None, None, None, "DAY", "WEEK", "MONTH"]
base = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
cases = []
while len(cases) < 300:
    fmt = rnd.choice(FORMATS)
    step = rnd.choice(STEPS)
    gran = rnd.choice(GRANS) if step else None
    look = rnd.choice(LOOKS)
    clamp = rnd.choice(CLAMPS)
    start = base + datetime.timedelta(minutes=rnd.randrange(0, 60*24*20))
    end = start + datetime.timedelta(minutes=rnd.randrange(0, 60*24*45))
    # round trip through the format, as the factory does
    start_s = parser.format(start, fmt); end_s = parser.format(end, fmt)
    start_p = parser.parse(start_s, fmt); end_p = parser.parse(end_s, fmt)
    state_kind = rnd.choice(["none", "inside", "before", "after"])
    state = {}
    if state_kind != "none":
        off = {"inside": rnd.randrange(0, max(1, int((end - start).total_seconds() // 60))), "before": -rnd.randrange(1, 5000), "after": int((end - start).total_seconds() // 60) + rnd.randrange(1, 5000)}[state_kind]
        state = {"updated_at": parser.format(start + datetime.timedelta(minutes=off), fmt)}
    conv = CustomFormatConcurrentStreamStateConverter(datetime_format=fmt, is_sequential_state=True, cursor_granularity=parse_duration(gran) if gran else None)
    endp = lambda end_p=end_p: end_p
    kwargs = {}
    clamp_obj = None
    if clamp == "DAY":
        kwargs["clamping_strategy"] = DayClampingStrategy(); endp = ClampingEndProvider(DayClampingStrategy(is_ceiling=False), endp, parse_duration(gran) if gran else datetime.timedelta(seconds=1))
    elif clamp == "WEEK":
        kwargs["clamping_strategy"] = WeekClampingStrategy(Weekday.MONDAY); endp = ClampingEndProvider(WeekClampingStrategy(Weekday.MONDAY, is_ceiling=False), endp, parse_duration(gran) if gran else datetime.timedelta(days=1))
    elif clamp == "MONTH":
        kwargs["clamping_strategy"] = MonthClampingStrategy(); endp = ClampingEndProvider(MonthClampingStrategy(is_ceiling=False), endp, parse_duration(gran) if gran else datetime.timedelta(days=1))
    try:
        cur = ConcurrentCursor("s", None, dict(state), NoopMessageRepository(), ConnectorStateManager(), conv, CursorField("updated_at"), ("start_time", "end_time"), start_p, endp,
            lookback_window=parse_duration(look) if look else None,
            slice_range=parse_duration(step) if step else datetime.timedelta.max,
            cursor_granularity=parse_duration(gran) if gran else None, **kwargs)
        slices = []
        for s in cur.stream_slices():
            slices.append(s)
            if len(slices) > 400: raise OverflowError("too many slices")
    except OverflowError:
        continue
    except Exception as e:
        cases.append(dict(fmt=fmt, step=step, gran=gran, look=look, clamp=clamp, start=start_s, end=end_s, state=state, error=type(e).__name__ + ": " + str(e)))
        continue
    order = list(range(len(slices)))
    if rnd.random() < 0.3: rnd.shuffle(order)
    records = []
    states = []
    for i in order:
        s = slices[i]
        recs = []
        for _ in range(rnd.randrange(0, 3)):
            lo = parser.parse(s.cursor_slice["start_time"], fmt); hi = parser.parse(s.cursor_slice["end_time"], fmt)
            span = max(0, int((hi - lo).total_seconds()))
            v = parser.format(lo + datetime.timedelta(seconds=rnd.randrange(0, span + 1)), fmt)
            recs.append(v)
            cur.observe(Record(data={"updated_at": v}, associated_slice=s, stream_name="s"))
        records.append(recs)
        cur.close_partition(P(s))
        states.append(dict(cur.state))
    probes = [start_s, end_s] + ([state["updated_at"]] if state else [])
    sync = [cur.should_be_synced(Record(data={"updated_at": v}, associated_slice=None, stream_name="s")) for v in probes]
    cases.append(dict(fmt=fmt, step=step, gran=gran, look=look, clamp=clamp, start=start_s, end=end_s, state=state, slices=[dict(s.cursor_slice) for s in slices], order=order, records=records, states=states, probes=probes, sync=sync))
json.dump(cases, open("datetime_cursor_fuzz.json", "w"), separators=(",", ":"))
print(len(cases), sum(1 for c in cases if "error" in c), sum(len(c.get("slices", [])) for c in cases))
