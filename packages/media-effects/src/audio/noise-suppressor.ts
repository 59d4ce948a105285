import type { RnnoiseWorkletNode } from "@sapphi-red/web-noise-suppressor";
import { assetUrl, EFFECT_ASSETS } from "../assets";
import { noiseSuppressionSupport } from "../support";
import { EffectError, type TrackProcessor } from "../track-processor";

/** RNNoise works on 48 kHz frames of 480 samples. */
const RNNOISE_SAMPLE_RATE = 48_000;

export interface NoiseSuppressorOptions {
  /** Where the effect files are served, ending in "/" (the web app serves them at "/effects/"). */
  readonly assetsUrl: string;
}

/**
 * RNNoise in an AudioWorklet as a `TrackProcessor`: microphone → RNNoise → one generated track that stays the same
 * across microphone switches. The AudioWorklet runs on the browser's audio thread, not the main thread.
 */
export class NoiseSuppressor implements TrackProcessor {
  readonly #context: AudioContext;
  readonly #node: RnnoiseWorkletNode;
  readonly #destination: MediaStreamAudioDestinationNode;
  #source: MediaStreamAudioSourceNode | null = null;
  #closed = false;

  private constructor(context: AudioContext, node: RnnoiseWorkletNode) {
    this.#context = context;
    this.#node = node;
    this.#destination = context.createMediaStreamDestination();
    node.connect(this.#destination);
  }

  /** Load the worklet and the wasm (SIMD when the browser has it) from `assetsUrl`. */
  static async load(options: NoiseSuppressorOptions): Promise<NoiseSuppressor> {
    const support = noiseSuppressionSupport();
    if (!support.supported) throw new EffectError("unsupported", `Noise suppression needs ${support.reason}`);
    const context = new AudioContext({ sampleRate: RNNOISE_SAMPLE_RATE, latencyHint: "interactive" });
    try {
      // NOTE: imported here, not at the top: the library subclasses AudioWorkletNode when it loads, which throws
      // wherever that class does not exist (server-side rendering of the page, Node tests).
      const { loadRnnoise, RnnoiseWorkletNode } = await import("@sapphi-red/web-noise-suppressor");
      const [wasmBinary] = await Promise.all([
        loadRnnoise({
          url: assetUrl(options.assetsUrl, EFFECT_ASSETS.rnnoiseWasm),
          simdUrl: assetUrl(options.assetsUrl, EFFECT_ASSETS.rnnoiseSimdWasm),
        }),
        context.audioWorklet.addModule(assetUrl(options.assetsUrl, EFFECT_ASSETS.rnnoiseWorklet)),
      ]);
      return new NoiseSuppressor(context, new RnnoiseWorkletNode(context, { maxChannels: 1, wasmBinary }));
    } catch (error) {
      void context.close();
      throw new EffectError("load_failed", "Noise suppression could not be loaded", { cause: error });
    }
  }

  async process(input: MediaStreamTrack): Promise<MediaStreamTrack> {
    if (this.#closed) throw new EffectError("runtime", "Noise suppression was disposed");
    if (input.kind !== "audio") throw new TypeError("NoiseSuppressor processes audio tracks only");
    this.release();
    this.#source = this.#context.createMediaStreamSource(new MediaStream([input]));
    this.#source.connect(this.#node);
    // NOTE: a context made before the user clicked anything starts suspended; joining a call is that click.
    if (this.#context.state === "suspended") await this.#context.resume();
    const output = this.#destination.stream.getAudioTracks()[0];
    if (!output) throw new EffectError("runtime", "Noise suppression produced no track");
    return output;
  }

  release(): void {
    this.#source?.disconnect();
    this.#source = null;
  }

  /** Free the worklet and the audio context; safe to call twice. */
  dispose(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.release();
    this.#node.destroy();
    for (const track of this.#destination.stream.getTracks()) track.stop();
    void this.#context.close();
  }
}
