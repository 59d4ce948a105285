import { Prisma } from "./generated/prisma/client";
import type { z } from "zod";

export const DB_ERROR_CODES = ["invalid_input", "conflict", "not_found"] as const;
export type DbErrorCode = (typeof DB_ERROR_CODES)[number];

/** A repository refused the call; nothing was written. `message` is safe to log, not meant for end users. */
export class DbError extends Error {
  override readonly name = "DbError";
  constructor(
    readonly code: DbErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  static invalidInput(what: string, error: z.ZodError): DbError {
    const detail = error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ");
    return new DbError("invalid_input", `invalid ${what}: ${detail}`, { cause: error });
  }
}

/** Parses repository input with zod, turning failures into DbError("invalid_input"). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw DbError.invalidInput(what, parsed.error);
  return parsed.data;
}

/** Prisma's "unique constraint failed" (P2002) and "foreign key constraint failed" (P2003). */
export function prismaErrorCode(error: unknown): string | undefined {
  return error instanceof Prisma.PrismaClientKnownRequestError ? error.code : undefined;
}
