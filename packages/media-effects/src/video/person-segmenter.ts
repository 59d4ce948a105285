/**
 * The selfie segmentation model on a small TensorFlow Lite wasm runtime (Twilio's build of TFLite with XNNPACK):
 * pure CPU, so it runs in a worker without WebGL. Loaded with importScripts: call only inside our classic worker.
 */
interface TfliteModule {
  HEAPU8: Uint8Array;
  HEAPF32: Float32Array;
  _getModelBufferMemoryOffset(): number;
  _loadModel(bytes: number): number;
  _getInputMemoryOffset(): number;
  _getInputWidth(): number;
  _getInputHeight(): number;
  _getOutputMemoryOffset(): number;
  _runInference(): number;
}
type CreateModule = (init: { locateFile: (path: string) => string }) => Promise<TfliteModule>;
declare function importScripts(...urls: string[]): void;

export type PersonMask = { readonly confidence: Float32Array; readonly width: number; readonly height: number };

export class PersonSegmenter {
  readonly #tflite: TfliteModule;
  readonly #input: OffscreenCanvas;
  readonly #inputCtx: OffscreenCanvasRenderingContext2D;
  readonly #mask: Float32Array;

  private constructor(tflite: TfliteModule) {
    this.#tflite = tflite;
    this.#input = new OffscreenCanvas(tflite._getInputWidth(), tflite._getInputHeight());
    const ctx = this.#input.getContext("2d", { willReadFrequently: true });
    if (!ctx) throw new Error("2D canvas is not available in this worker");
    this.#inputCtx = ctx;
    this.#mask = new Float32Array(this.#input.width * this.#input.height);
  }

  static async load(loaderUrl: string, wasmUrl: string, model: ArrayBuffer): Promise<PersonSegmenter> {
    importScripts(loaderUrl);
    const create = (globalThis as { createTwilioTFLiteSIMDModule?: CreateModule }).createTwilioTFLiteSIMDModule;
    if (!create) throw new Error("The TFLite runtime did not load");
    const tflite = await create({ locateFile: () => wasmUrl });
    tflite.HEAPU8.set(new Uint8Array(model), tflite._getModelBufferMemoryOffset());
    if (tflite._loadModel(model.byteLength) !== 0) throw new Error("The segmentation model could not be loaded");
    return new PersonSegmenter(tflite);
  }

  /** The person probability (0..1) per pixel of the model's input size (256×144), row-major. */
  segment(frame: VideoFrame): PersonMask {
    const { width, height } = this.#input;
    this.#inputCtx.drawImage(frame, 0, 0, width, height);
    const rgba = this.#inputCtx.getImageData(0, 0, width, height).data;
    const tflite = this.#tflite;
    const heap = tflite.HEAPF32;
    const input = tflite._getInputMemoryOffset() / 4;
    for (let i = 0, n = width * height; i < n; i++) {
      heap[input + i * 3] = (rgba[i * 4] ?? 0) / 255;
      heap[input + i * 3 + 1] = (rgba[i * 4 + 1] ?? 0) / 255;
      heap[input + i * 3 + 2] = (rgba[i * 4 + 2] ?? 0) / 255;
    }
    tflite._runInference();
    const output = tflite._getOutputMemoryOffset() / 4;
    this.#mask.set(tflite.HEAPF32.subarray(output, output + width * height));
    return { confidence: this.#mask, width, height };
  }
}
