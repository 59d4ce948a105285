import type { z } from "zod";

/** What an app reads from its environment: the keys of its zod schema and their defaults as text. */
export type AppEnv = {
  service: string;
  keys: string[];
  defaults: Map<string, string>;
  /** Variables the container reads outside the schema (e.g. PORT for `next start`). */
  extraKeys: string[];
};

/** Reads keys and scalar defaults straight from an app's env schema, so a new variable is noticed at once. */
export function appEnvFromSchema(service: string, schema: z.ZodObject, extraKeys: string[] = []): AppEnv {
  const defaults = new Map<string, string>();
  for (const [key, field] of Object.entries(schema.shape)) {
    const parsed = (field as z.ZodType).safeParse(undefined);
    const value: unknown = parsed.success ? parsed.data : undefined;
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") defaults.set(key, String(value));
  }
  return { service, keys: Object.keys(schema.shape), defaults, extraKeys };
}
