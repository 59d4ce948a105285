export interface ActiveSpeakerOptions {
  /** Smoothed audio level (0–1, as getStats reports it) above which someone counts as speaking. */
  readonly threshold?: number;
  /** A challenger must be this many times louder than the current speaker to take over. */
  readonly switchRatio?: number;
  /** Weight of the newest sample in the moving average. */
  readonly smoothing?: number;
  /** After this long with nobody above the threshold, there is no active speaker. */
  readonly silenceMs?: number;
}

/**
 * Picks the active speaker from periodic audio levels, with smoothing and hysteresis so the highlight
 * does not flicker between people on every breath. Pure logic: feed it levels, read `current`.
 */
export class ActiveSpeakerDetector {
  readonly #threshold: number;
  readonly #switchRatio: number;
  readonly #smoothing: number;
  readonly #silenceMs: number;
  readonly #smoothed = new Map<string, number>();
  #current: string | null = null;
  #lastHeardAt = 0;

  constructor(options: ActiveSpeakerOptions = {}) {
    this.#threshold = options.threshold ?? 0.02;
    this.#switchRatio = options.switchRatio ?? 1.5;
    this.#smoothing = options.smoothing ?? 0.5;
    this.#silenceMs = options.silenceMs ?? 1500;
  }

  get current(): string | null {
    return this.#current;
  }

  /** Feed one round of levels (participant id → 0..1); returns the active speaker after it. */
  update(levels: ReadonlyMap<string, number>, now: number): string | null {
    for (const id of [...this.#smoothed.keys()]) if (!levels.has(id)) this.#smoothed.delete(id);
    for (const [id, level] of levels) {
      const previous = this.#smoothed.get(id) ?? 0;
      this.#smoothed.set(id, previous + this.#smoothing * (level - previous));
    }
    let loudest: string | null = null;
    let loudestLevel = 0;
    for (const [id, level] of this.#smoothed) {
      if (level > loudestLevel) {
        loudest = id;
        loudestLevel = level;
      }
    }
    const currentLevel = this.#current === null ? 0 : (this.#smoothed.get(this.#current) ?? 0);
    if (loudest !== null && loudestLevel >= this.#threshold) {
      this.#lastHeardAt = now;
      if (this.#current === null || currentLevel < this.#threshold || loudestLevel >= currentLevel * this.#switchRatio) {
        this.#current = loudest;
      }
    } else if (this.#current !== null && now - this.#lastHeardAt >= this.#silenceMs) {
      this.#current = null;
    }
    if (this.#current !== null && !levels.has(this.#current)) this.#current = null;
    return this.#current;
  }
}
