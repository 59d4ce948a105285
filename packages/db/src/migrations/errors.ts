export const MIGRATION_ERROR_CODES = [
  "invalid_migrations_dir",
  "checksum_mismatch",
  "failed_migration_recorded",
  "migration_failed",
  "lock_timeout",
] as const;
export type MigrationErrorCode = (typeof MIGRATION_ERROR_CODES)[number];

/** Why migrate() refused or stopped; migrations after the failing one were not applied. */
export class MigrationError extends Error {
  override readonly name = "MigrationError";
  readonly migrationName: string | undefined;
  constructor(
    readonly code: MigrationErrorCode,
    message: string,
    options?: { cause?: unknown; migrationName?: string },
  ) {
    super(message, options);
    this.migrationName = options?.migrationName;
  }
}
