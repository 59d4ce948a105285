/** Progress lines on stdout (the CI log), each prefixed so that they stand out among docker's output. */
export function say(message: string): void {
  process.stdout.write(`compose-e2e: ${message}\n`);
}

/** Seconds since `startMs`, one decimal. */
export function secondsSince(startMs: number): string {
  return ((Date.now() - startMs) / 1000).toFixed(1);
}

/** Raised by a check whose failure leaves nothing for the following checks to stand on. */
export class Abort extends Error {}

/** Counts checks; the run ends with `compose-e2e: N passed, M failed`. */
export class Checks {
  passed = 0;
  failed = 0;

  /** Runs one check; a failure is counted and reported, and the run goes on. Returns whether it passed. */
  async check(name: string, body: () => Promise<void>): Promise<boolean> {
    const start = Date.now();
    try {
      await body();
      this.passed += 1;
      say(`✓ ${name} (${secondsSince(start)} s)`);
      return true;
    } catch (error) {
      this.failed += 1;
      say(`✗ ${name} (${secondsSince(start)} s)\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return false;
    }
  }

  /** Like check(), but what follows depends on it: a failure ends the run. */
  async must(name: string, body: () => Promise<void>): Promise<void> {
    if (!(await this.check(name, body))) throw new Abort(name);
  }

  totals(): string {
    return `compose-e2e: ${this.passed} passed, ${this.failed} failed`;
  }
}

/** Polls `read` until `done` holds for its value, or fails after `timeoutMs` with `message` and the last value. */
export async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, message: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await read();
      if (done(last)) return last;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const detail = lastError instanceof Error ? lastError.message : JSON.stringify(last);
      throw new Error(`${message} (gave up after ${timeoutMs / 1000} s; last: ${detail})`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
