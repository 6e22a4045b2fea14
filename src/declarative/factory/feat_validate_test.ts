import { deepStrictEqual } from "node:assert/strict";
import { validateManifest } from "../validate.ts";
import { manifest, simpleStream } from "./_test_api.ts";

// `spout validate` (validateManifest) accepts every component the factory gained in FEAT-1.
const parent = simpleStream("parent", "/parent");
const quota = { type: "TokenQuota", name: "core", remaining_path: ["r"], reset_path: ["t"] };
const CASES: Record<string, Record<string, unknown>> = {
  JwtAuthenticator: simpleStream("s", "/s", {
    requester: {
      authenticator: {
        type: "JwtAuthenticator",
        secret_key: "{{ config['key'] }}",
        algorithm: "RS256",
        token_duration: 3600,
        header_prefix: "Bearer",
        jwt_headers: { kid: "k", typ: "JWT", cty: "JWT" },
        additional_jwt_headers: { x: "y" },
        jwt_payload: { iss: "i", sub: "s", aud: "a" },
        additional_jwt_payload: { scope: "read" },
        passphrase: "{{ config['pass'] }}",
        request_option: { type: "RequestOption", inject_into: "header", field_name: "X-JWT" },
      },
    },
  }),
  RateLimitedMultipleTokenAuthenticator: simpleStream("s", "/s", {
    requester: {
      authenticator: {
        type: "RateLimitedMultipleTokenAuthenticator",
        tokens: ["{{ config['a'] }}", "{{ config['b'] }}"],
        quota_status_source: {
          type: "QuotaStatusSource",
          url: "https://x/rate_limit",
          unavailable_status_codes: [404],
        },
        quotas: [{ ...quota, matchers: [{ url_path_pattern: "^/search" }], exhaustion_status_codes: [429] }],
        max_wait_time: "PT30M",
      },
    },
  }),
  IncrementingCountCursor: simpleStream("s", "/s", {}, {
    incremental_sync: {
      type: "IncrementingCountCursor",
      cursor_field: "id",
      start_value: 0,
      start_value_option: { type: "RequestOption", inject_into: "request_parameter", field_name: "since" },
    },
  }),
  ZipfileDecoder: simpleStream("s", "/s", {
    decoder: { type: "ZipfileDecoder", decoder: { type: "CsvDecoder" } },
  }),
  UnionPartitionRouter: simpleStream("s", "/s", {
    partition_router: {
      type: "UnionPartitionRouter",
      partition_field: "id",
      partition_routers: [
        { type: "ListPartitionRouter", cursor_field: "id", values: ["1"] },
        {
          type: "SubstreamPartitionRouter",
          parent_stream_configs: [{
            type: "ParentStreamConfig",
            stream: parent,
            parent_key: "id",
            partition_field: "id",
          }],
        },
      ],
    },
  }),
  LegacyToPerPartitionStateMigration: simpleStream("s", "/s", {
    partition_router: {
      type: "SubstreamPartitionRouter",
      parent_stream_configs: [{
        type: "ParentStreamConfig",
        stream: parent,
        parent_key: "id",
        partition_field: "id",
      }],
    },
  }, {
    incremental_sync: {
      type: "DatetimeBasedCursor",
      cursor_field: "u",
      datetime_format: "%Y-%m-%d",
      start_datetime: "2024-01-01",
    },
    state_migrations: [{ type: "LegacyToPerPartitionStateMigration" }],
  }),
  KeyTransformation: simpleStream("s", "/s", {}, {
    transformations: [{
      type: "DpathFlattenFields",
      field_path: ["properties"],
      key_transformation: { type: "KeyTransformation", prefix: "p_", suffix: "_s" },
    }],
  }),
};

for (const [name, stream] of Object.entries(CASES)) {
  Deno.test(`validate accepts ${name}`, () => {
    const result = validateManifest(manifest([stream]));
    deepStrictEqual(result.errors, []);
  });
}

Deno.test("validate accepts config_normalization_rules with ConfigMigration and validators", () => {
  const m = manifest([simpleStream("s", "/s")], {
    spec: {
      type: "Spec",
      connection_specification: { type: "object", properties: {} },
      config_normalization_rules: {
        type: "ConfigNormalizationRules",
        config_migrations: [{
          type: "ConfigMigration",
          transformations: [{ type: "ConfigRemapField", field_path: ["r"], map: { a: "b" } }],
        }],
        validations: [
          {
            type: "DpathValidator",
            field_path: ["n"],
            validation_strategy: { type: "ValidateAdheresToSchema", base_schema: { type: "integer" } },
          },
          {
            type: "PredicateValidator",
            value: "{{ config['n'] }}",
            validation_strategy: { type: "ValidateAdheresToSchema", base_schema: '{"type": "integer"}' },
          },
        ],
      },
    },
  });
  deepStrictEqual(validateManifest(m).errors, []);
});
