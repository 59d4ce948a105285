/**
 * Turns a captured track into the one to send: background blur, noise suppression (see @parley/media-effects).
 * `process` is called again with each new input (device switch, camera back on); returning the same output track
 * then means the connections need no replaceTrack.
 */
export interface TrackProcessor {
  process(input: MediaStreamTrack): Promise<MediaStreamTrack>;
  /** The input went away (camera off, processor removed, media stopped). The processor's owner disposes it. */
  release(): void;
}

/** What a `ProcessedSource` tells its owner. `track` is what to send now; `later` when it came after an await. */
export type ProcessedSourceEvents = {
  readonly sentChanged: (track: MediaStreamTrack | null, later: boolean) => void;
  /** The processor failed on a new input: it was dropped and the input is sent as captured. */
  readonly failed: (error: unknown) => void;
};

/**
 * One source (microphone or camera) with an optional processor: which track is sent. Without a processor that is
 * the captured track; with one, only the processor's output (the captured track is never sent in between).
 */
export class ProcessedSource {
  readonly #events: ProcessedSourceEvents;
  #input: MediaStreamTrack | null = null;
  #processor: TrackProcessor | null = null;
  #sent: MediaStreamTrack | null = null;
  /** Bumped by every input or processor change; an answer to an older one is dropped. */
  #generation = 0;

  constructor(events: ProcessedSourceEvents) {
    this.#events = events;
  }

  get sent(): MediaStreamTrack | null {
    return this.#sent;
  }

  get processor(): TrackProcessor | null {
    return this.#processor;
  }

  /** The captured track changed (null: camera off, device gone, stopped). */
  setInput(input: MediaStreamTrack | null): void {
    this.#input = input;
    const generation = ++this.#generation;
    const processor = this.#processor;
    if (!processor) return this.#update(input, false);
    if (!input) {
      processor.release();
      return this.#update(null, false);
    }
    processor.process(input).then(
      (output) => {
        if (generation === this.#generation) this.#update(output, true);
      },
      (error: unknown) => {
        if (generation !== this.#generation) return;
        this.#processor = null;
        processor.release();
        this.#update(input, true);
        this.#events.failed(error);
      },
    );
  }

  /** Start, swap or stop (null) processing; resolves once the new track is the one sent. Rejects and changes nothing if `process` fails. */
  async setProcessor(processor: TrackProcessor | null): Promise<void> {
    const previous = this.#processor;
    if (processor === previous) return;
    const generation = ++this.#generation;
    const input = this.#input;
    const output = processor && input ? await processor.process(input) : null;
    if (generation !== this.#generation) {
      // A newer input or processor won meanwhile; this one must not keep reading.
      if (processor && processor !== this.#processor) processor.release();
      return;
    }
    this.#processor = processor;
    if (previous && previous !== processor) previous.release();
    this.#update(processor ? output : input, false);
  }

  #update(sent: MediaStreamTrack | null, later: boolean): void {
    if (sent === this.#sent) return;
    this.#sent = sent;
    this.#events.sentChanged(sent, later);
  }
}
