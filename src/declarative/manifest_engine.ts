/**
 * The heavy half of a declarative source — schema validation, the component factory and check — loaded on
 * first use by `manifest_source.ts`, so `spec` (which only needs the resolved manifest) starts fast.
 * @module
 */
export { assertValidManifest } from "./validate.ts";
export { registeredClasses } from "./components.ts";
export { runCheck } from "./factory/check.ts";
export { normalizeConfig } from "./factory/config_migrations.ts";
export { buildStreams } from "./factory/streams.ts";
export { enableParentCache, reportCache } from "./parent_cache.ts";
export { migrateConfig } from "./factory/config_migrations.ts";
export { stableJson } from "./factory/slices.ts";
