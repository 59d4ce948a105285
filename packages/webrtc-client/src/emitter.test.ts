import { describe, expect, it, vi } from "vitest";
import { Emitter } from "./emitter";

type Events = { ping: (n: number) => void; done: () => void };

describe("Emitter", () => {
  it("keeps calling other listeners when one throws and reports the error", () => {
    const onError = vi.fn();
    const emitter = new Emitter<Events>(onError);
    const seen: number[] = [];
    emitter.on("ping", () => {
      throw new Error("boom");
    });
    emitter.on("ping", (n) => seen.push(n));
    expect(() => emitter.emit("ping", 7)).not.toThrow();
    expect(seen).toEqual([7]);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: "boom" }), "ping");
  });

  it("unsubscribes with the returned function and supports once", () => {
    const emitter = new Emitter<Events>();
    const a = vi.fn();
    const b = vi.fn();
    const off = emitter.on("ping", a);
    emitter.once("ping", b);
    emitter.emit("ping", 1);
    off();
    emitter.emit("ping", 2);
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).toHaveBeenCalledTimes(1);
    expect(emitter.listenerCount("ping")).toBe(0);
  });
});
