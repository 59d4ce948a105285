import { describe, expect, it, vi } from "vitest";
import type { SignalingDb } from "./db";
import { lazyDb } from "./lazy-db";

describe("lazyDb", () => {
  it("creates the client on first use, once, and closes only what it created", async () => {
    const findById = vi.fn(async () => null);
    const close = vi.fn(async () => undefined);
    const create = vi.fn(async () => ({ meetings: { findById }, close }) as unknown as SignalingDb & { close(): Promise<void> });
    const db = lazyDb(create);
    expect(create).not.toHaveBeenCalled();
    await db.close();
    expect(close).not.toHaveBeenCalled();
    await Promise.all([db.meetings.findById("a"), db.meetings.findById("b")]);
    expect(create).toHaveBeenCalledTimes(1);
    expect(findById).toHaveBeenCalledTimes(2);
    await db.close();
    expect(close).toHaveBeenCalledTimes(1);
  });
});
