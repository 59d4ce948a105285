// Schema-to-schema SQL diffs with Prisma's own migration engine, compiled to WebAssembly: no native binary,
// no database, no shadow database. This is what `prisma migrate diff --from-schema-datamodel A
// --to-schema-datamodel B --script` prints, so generated migrations read exactly like `prisma migrate dev` ones.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
} from "@prisma/driver-adapter-utils";
import type * as SchemaEngineModule from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { DiffTarget } from "@prisma/schema-engine-wasm/schema_engine_bg";

type SchemaEngineBindings = typeof SchemaEngineModule;
export type SchemaSource = { kind: "empty" } | { kind: "schema"; path: string; content: string };

/** `script` is executable SQL; `empty` is true when the two schemas need no migration. */
export type SchemaDiff = { script: string; empty: boolean };

// NOTE: Node has WebAssembly but our lib settings (no DOM) carry no types for it; this is the slice we use.
type WasmApi = {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, object>) => { exports: Record<string, unknown> };
};
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let bindings: Promise<SchemaEngineBindings> | undefined;

/** Loads the wasm engine bindings once per process. */
export function loadSchemaEngine(): Promise<SchemaEngineBindings> {
  bindings ??= (async () => {
    // NOTE: the package's entry imports the .wasm as an ES module, which Node 20 cannot do without a flag;
    // we instantiate it by hand with the generated JS glue, as the entry file would.
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const glue = (await import(gluePath)) as SchemaEngineBindings;
    const module = new wasm.Module(readFileSync(join(dirname(gluePath), "schema_engine_bg.wasm")));
    const instance = new wasm.Instance(module, { "./schema_engine_bg.js": glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return bindings;
}

/** Diffs two Prisma schemas into a PostgreSQL migration script. */
export async function diffSchemas(from: SchemaSource, to: SchemaSource): Promise<SchemaDiff> {
  const glue = await loadSchemaEngine();
  const datamodels = [from, to].flatMap((s) => (s.kind === "schema" ? [[s.path, s.content] as [string, string]] : []));
  const engine = await glue.SchemaEngine.new({ datamodels }, () => {}, bindMigrationAwareSqlAdapterFactory(offlineAdapterFactory()));
  try {
    const params = { from: toTarget(from), to: toTarget(to), exitCode: true, filters: { externalTables: [], externalEnums: [] } };
    const result = await engine.diff({ ...params, script: true });
    // NOTE: with exitCode set, the engine reports 2 when the schemas differ (like `migrate diff --exit-code`).
    return { script: result.stdout ?? "", empty: result.exitCode === 0 };
  } finally {
    engine.free();
  }
}

function toTarget(source: SchemaSource): DiffTarget {
  return source.kind === "empty"
    ? { tag: "empty" }
    : { tag: "schemaDatamodel", files: [{ path: source.path, content: source.content }] };
}

/**
 * The engine insists on a driver adapter and probes the server version when it starts. A schema-to-schema diff
 * needs nothing else, so this adapter answers that one probe (as PostgreSQL 18) and fails every other query:
 * if a future engine tried to reach a database here, we would hear about it instead of diffing against nothing.
 */
function offlineAdapterFactory(): SqlMigrationAwareDriverAdapterFactory {
  const connect = async (): Promise<SqlDriverAdapter> => ({
    provider: "postgres",
    adapterName: "parley-offline",
    queryRaw: async (query: SqlQuery): Promise<SqlResultSet> => {
      if (query.sql.includes("server_version_num")) {
        return {
          columnNames: ["exists", "version", "numeric_version"],
          columnTypes: [5 /* Boolean */, 7 /* Text */, 0 /* Int32 */],
          rows: [[true, "PostgreSQL 18.0", 180000]],
        };
      }
      throw offline(query.sql);
    },
    executeRaw: async (query: SqlQuery) => {
      throw offline(query.sql);
    },
    executeScript: async (script: string) => {
      throw offline(script);
    },
    startTransaction: async () => {
      throw offline("BEGIN");
    },
    getConnectionInfo: () => ({ schemaName: "public", supportsRelationJoins: true }),
    dispose: async () => {},
  });
  return { provider: "postgres", adapterName: "parley-offline", connect, connectToShadowDb: connect };
}

function offline(sql: string): Error {
  return new Error(`schema diff is offline; the engine unexpectedly tried to run: ${sql.slice(0, 200)}`);
}
