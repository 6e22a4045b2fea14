# Generates per_partition_reference.json with the reference CDK: /work/.venv-cdk/bin/python generate_per_partition_reference.py > per_partition_reference.json
import json, datetime
from functools import partial
from airbyte_cdk.sources.declarative.incremental.concurrent_partition_cursor import ConcurrentPerPartitionCursor, ConcurrentCursorFactory
from airbyte_cdk.sources.declarative.partition_routers.list_partition_router import ListPartitionRouter
from airbyte_cdk.sources.streams.concurrent.cursor import ConcurrentCursor, CursorField
from airbyte_cdk.sources.streams.concurrent.state_converters.datetime_stream_state_converter import CustomFormatConcurrentStreamStateConverter
from airbyte_cdk.sources.message import NoopMessageRepository, InMemoryMessageRepository
from airbyte_cdk.sources.connector_state_manager import ConnectorStateManager
from airbyte_cdk.sources.declarative.datetime.datetime_parser import DatetimeParser
from airbyte_cdk.sources.types import Record, StreamSlice
from isodate import parse_duration

FMT = "%Y-%m-%dT%H:%M:%SZ"
parser = DatetimeParser()
START = parser.parse("2024-01-01T00:00:00Z", FMT)
END = parser.parse("2024-01-03T00:00:00Z", FMT)

def make(stream_state, runtime_lookback_window=None):
    stream_state = dict(stream_state)
    conv = CustomFormatConcurrentStreamStateConverter(datetime_format=FMT, is_sequential_state=True, cursor_granularity=parse_duration("PT1S"))
    v = stream_state.get("updated_at")
    if runtime_lookback_window and v:
        stream_state["updated_at"] = conv.output_format(conv.parse_timestamp(v) - runtime_lookback_window)
    return ConcurrentCursor("s", None, stream_state, NoopMessageRepository(), ConnectorStateManager(), conv, CursorField("updated_at"), ("start_time","end_time"), START, lambda: END,
        slice_range=parse_duration("P1D"), cursor_granularity=parse_duration("PT1S"))

class P:
    def __init__(self, s): self.s = s
    def to_slice(self): return self.s

def run(values, state, records, use_global=False):
    repo = InMemoryMessageRepository()
    router = ListPartitionRouter(values=values, cursor_field="board", config={}, parameters={})
    conv = CustomFormatConcurrentStreamStateConverter(datetime_format=FMT, is_sequential_state=True)
    cur = ConcurrentPerPartitionCursor(ConcurrentCursorFactory(make), router, "s", None, state, repo, ConnectorStateManager(), conv, CursorField("updated_at"), use_global_cursor=use_global)
    slices = list(cur.stream_slices())
    for i, s in enumerate(slices):
        for v in records.get(f"{s.partition['board']}|{s.cursor_slice['start_time']}", []):
            cur.observe(Record(data={"updated_at": v}, associated_slice=s, stream_name="s"))
        cur.close_partition(P(s))
    cur.ensure_at_least_one_state_emitted()
    msgs = [json.loads(m.json(exclude_unset=True)) if hasattr(m, "json") else m for m in repo.consume_queue()]
    from airbyte_cdk.models import AirbyteMessageSerializer
    return dict(values=values, state=state, records=records, use_global=use_global, slices=[dict(partition=s.partition, cursor_slice=s.cursor_slice) for s in slices], emitted=[AirbyteMessageSerializer.dump(m)["state"]["stream"]["stream_state"] for m in msgs])

def run2(values, state, records, use_global=False):
    try:
        return run(values, state, records, use_global)
    except Exception as e:
        import traceback; traceback.print_exc(); raise

cases = [
  run2(["a", "b"], {}, {"a|2024-01-01T00:00:00Z": ["2024-01-01T05:00:00Z"], "b|2024-01-02T00:00:00Z": ["2024-01-02T07:00:00Z", "2024-01-02T03:00:00Z"]}),
  run2(["a", "c"], {"use_global_cursor": False, "states": [{"partition": {"board": "a"}, "cursor": {"updated_at": "2024-01-02T01:00:00Z"}}], "state": {"updated_at": "2024-01-02T01:00:00Z"}, "lookback_window": 3600}, {"c|2024-01-02T00:00:00Z": ["2024-01-02T09:00:00Z"]}),
  run2(["a"], {"updated_at": "2024-01-02T12:00:00Z"}, {}),
  run2(["a", "b"], {}, {"a|2024-01-01T00:00:00Z": ["2024-01-01T05:00:00Z"], "b|2024-01-02T00:00:00Z": ["2024-01-02T07:00:00Z"]}, True),
  run2(["a", "b"], {"use_global_cursor": True, "state": {"updated_at": "2024-01-02T01:00:00Z"}, "lookback_window": 7200}, {"b|2024-01-02T00:00:00Z": ["2024-01-02T08:00:00Z"]}, True),
]
print(json.dumps(cases, indent=1))
