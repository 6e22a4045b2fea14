"""Runs the reference CDK's source-declarative-manifest with a frozen clock.

Usage: python ref_entry.py NOW_ISO COMMAND ARGS...   (e.g. `2024-06-01T00:00:00Z read --config c.json ...`)

The clock is frozen (freezegun, tick=False) so templates using now_utc()/today_utc() and the datetime cursor's
default end are deterministic. spout's side gets the same instant through its injected Env.now().
"""

import sys

from freezegun import freeze_time


def main() -> None:
    now = sys.argv[1]
    args = sys.argv[2:]
    # Import first: freezegun patches already-imported modules, and pydantic cannot be imported under it.
    from airbyte_cdk.cli.source_declarative_manifest._run import handle_remote_manifest_command

    with freeze_time(now, tick=False):
        handle_remote_manifest_command(args)


if __name__ == "__main__":
    main()
