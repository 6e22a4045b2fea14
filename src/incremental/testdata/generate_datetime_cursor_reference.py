# Generates datetime_cursor_reference.json with the reference CDK: /work/.venv-cdk/bin/python generate_datetime_cursor_reference.py > datetime_cursor_reference.json
import json, datetime
from airbyte_cdk.sources.streams.concurrent.cursor import ConcurrentCursor, CursorField
from airbyte_cdk.sources.streams.concurrent.state_converters.datetime_stream_state_converter import CustomFormatConcurrentStreamStateConverter
from airbyte_cdk.sources.message import NoopMessageRepository
from airbyte_cdk.sources.connector_state_manager import ConnectorStateManager
from airbyte_cdk.sources.declarative.datetime.datetime_parser import DatetimeParser
from airbyte_cdk.sources.types import Record, StreamSlice
from airbyte_cdk.sources.streams.concurrent.clamping import DayClampingStrategy, MonthClampingStrategy, ClampingEndProvider
from isodate import parse_duration

class P:
    def __init__(self, s): self.s = s
    def to_slice(self): return self.s

cases = [
  dict(name="daily", fmt="%Y-%m-%d", start="2024-01-01", end="2024-01-05", step="P1D", gran="P1D", state={}, records=[[ "2024-01-01"], [], ["2024-01-03","2024-01-02"], [], []]),
  dict(name="hours_iso", fmt="%Y-%m-%dT%H:%M:%SZ", start="2024-01-01T00:00:00Z", end="2024-01-02T01:30:00Z", step="PT6H", gran="PT1S", state={"updated_at": "2024-01-01T10:00:00Z"}, lookback="PT1H", records=[["2024-01-01T09:30:00Z"], ["2024-01-01T16:00:00Z"], [], ["2024-01-02T01:00:00Z"], []]),
  dict(name="nostep", fmt="%Y-%m-%dT%H:%M:%S.%fZ", start="2023-06-01T00:00:00.000000Z", end="2024-01-02T00:00:00.000000Z", step=None, gran=None, state={"updated_at": "2023-12-01T00:00:00.000000Z", "other": 1}, records=[["2023-12-05T01:02:03.123456Z", "2023-12-04T00:00:00.000000Z"]]),
  dict(name="epoch", fmt="%s", start="1704067200", end="1704412800", step="P2D", gran="PT1S", state={}, records=[[1704067300], [], []]),
  dict(name="month_step", fmt="%Y-%m-%d", start="2023-01-31", end="2023-05-15", step="P1M", gran="P1D", state={}, records=[[],[],["2023-03-30"],[],[]]),
  dict(name="day_clamp", fmt="%Y-%m-%dT%H:%M:%SZ", start="2024-01-01T05:00:00Z", end="2024-01-04T12:00:00Z", step="P1D", gran="PT1S", clamp="DAY", state={}, records=[[],[],[],[]]),
  dict(name="state_before_start", fmt="%Y-%m-%d", start="2024-01-10", end="2024-01-12", step="P1D", gran="P1D", state={"updated_at": "2023-12-01"}, records=[[],[],[]]),
  dict(name="strict_equal", fmt="%Y-%m-%d", start="2024-01-01", end="2024-01-01", step="P1D", gran="P1D", state={"updated_at": "2024-01-01"}, records=[[]]),
  dict(name="out_of_order", fmt="%Y-%m-%d", start="2024-01-01", end="2024-01-04", step="P1D", gran="P1D", state={}, records=[["2024-01-01"],["2024-01-02"],["2024-01-03"],["2024-01-04"]], order=[1,0,3,2]),
]
parser = DatetimeParser()
out = []
for c in cases:
    conv = CustomFormatConcurrentStreamStateConverter(datetime_format=c["fmt"], is_sequential_state=True, cursor_granularity=parse_duration(c["gran"]) if c["gran"] else None)
    start = parser.parse(c["start"], c["fmt"]); end = parser.parse(c["end"], c["fmt"])
    endp = lambda end=end: end
    clamping = None
    kwargs = {}
    if c.get("clamp") == "DAY":
        kwargs["clamping_strategy"] = DayClampingStrategy()
        endp = ClampingEndProvider(DayClampingStrategy(is_ceiling=False), endp, parse_duration(c["gran"]))
    cur = ConcurrentCursor("s", None, dict(c["state"]), NoopMessageRepository(), ConnectorStateManager(), conv, CursorField("updated_at"), ("start_time","end_time"), start, endp,
        lookback_window=parse_duration(c["lookback"]) if c.get("lookback") else None,
        slice_range=parse_duration(c["step"]) if c["step"] else datetime.timedelta.max,
        cursor_granularity=parse_duration(c["gran"]) if c["gran"] else None, **kwargs)
    slices = list(cur.stream_slices())
    states = []
    order = c.get("order", list(range(len(slices))))
    for i in order:
        if i >= len(slices): continue
        s = slices[i]
        for v in (c["records"][i] if i < len(c["records"]) else []):
            cur.observe(Record(data={"updated_at": v}, associated_slice=s, stream_name="s"))
        cur.close_partition(P(s))
        states.append(dict(cur.state))
    filt = [cur.should_be_synced(Record(data={"updated_at": v}, associated_slice=None, stream_name="s")) for v in [c["start"], c["end"]]]
    out.append(dict(case=c, slices=[dict(s.cursor_slice) for s in slices], states=states, should_sync_start_end=filt))
print(json.dumps(out, indent=1, default=str))
