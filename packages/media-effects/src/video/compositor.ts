import type { BackgroundMode } from "./messages";

/** How much the background is blurred: it is drawn at 1/BLUR_DOWNSCALE size, blurred, and scaled back up (cheap). */
const BLUR_DOWNSCALE = 4;
const BLUR_RADIUS_PX = 3;
/** Softens the mask's edge (in mask pixels, before it is scaled up) so hair and shoulders do not look cut out. */
const EDGE_FEATHER_PX = 1;

/**
 * Puts the person (where `mask` is opaque) over a blurred copy of the frame or over an image, with 2D canvases only
 * (works in a worker on OffscreenCanvas, no WebGL needed for this part).
 */
export class Compositor {
  #out = new OffscreenCanvas(1, 1);
  #person = new OffscreenCanvas(1, 1);
  #small = new OffscreenCanvas(1, 1);
  #maskCanvas = new OffscreenCanvas(1, 1);
  #feathered = new OffscreenCanvas(1, 1);
  #maskPixels: ImageData | null = null;

  /** `confidence` is the model's person probability per mask pixel (row-major, maskWidth × maskHeight). */
  compose(frame: VideoFrame, confidence: Float32Array, maskWidth: number, maskHeight: number, mode: BackgroundMode): OffscreenCanvas {
    const width = frame.displayWidth;
    const height = frame.displayHeight;
    const out = sized(this.#out, width, height);
    const person = sized(this.#person, width, height);
    const outCtx = context(out);
    const personCtx = context(person);

    // The person layer: the mask (alpha only), then the frame kept only where the mask is.
    // NOTE: feathered at the mask's size (256×144) and then scaled up: a CSS blur on the full frame costs far more
    // on a CPU-only canvas, and the bilinear upscale softens the edge further.
    this.#writeMask(confidence, maskWidth, maskHeight);
    const feathered = sized(this.#feathered, maskWidth, maskHeight);
    const featherCtx = context(feathered);
    featherCtx.globalCompositeOperation = "copy";
    featherCtx.filter = `blur(${EDGE_FEATHER_PX}px)`;
    featherCtx.drawImage(this.#maskCanvas, 0, 0);
    featherCtx.filter = "none";
    personCtx.globalCompositeOperation = "copy";
    personCtx.imageSmoothingQuality = "high";
    personCtx.drawImage(feathered, 0, 0, width, height);
    personCtx.globalCompositeOperation = "source-in";
    personCtx.drawImage(frame, 0, 0, width, height);

    outCtx.globalCompositeOperation = "copy";
    if (mode.kind === "image") drawCover(outCtx, mode.image, width, height);
    else if (mode.kind === "blur") this.#drawBlurred(outCtx, frame, width, height);
    else outCtx.drawImage(frame, 0, 0, width, height);
    outCtx.globalCompositeOperation = "source-over";
    outCtx.drawImage(person, 0, 0);
    return out;
  }

  #drawBlurred(target: OffscreenCanvasRenderingContext2D, frame: VideoFrame, width: number, height: number): void {
    const small = sized(this.#small, Math.max(1, Math.round(width / BLUR_DOWNSCALE)), Math.max(1, Math.round(height / BLUR_DOWNSCALE)));
    const ctx = context(small);
    ctx.filter = `blur(${BLUR_RADIUS_PX}px)`;
    ctx.drawImage(frame, 0, 0, small.width, small.height);
    ctx.filter = "none";
    target.imageSmoothingQuality = "high";
    target.drawImage(small, 0, 0, width, height);
  }

  #writeMask(confidence: Float32Array, width: number, height: number): void {
    const canvas = sized(this.#maskCanvas, width, height);
    if (!this.#maskPixels || this.#maskPixels.width !== width || this.#maskPixels.height !== height) {
      this.#maskPixels = new ImageData(width, height);
    }
    const pixels = this.#maskPixels.data;
    for (let i = 0; i < width * height; i++) pixels[i * 4 + 3] = Math.round((confidence[i] ?? 0) * 255);
    context(canvas).putImageData(this.#maskPixels, 0, 0);
  }
}

/** Scale `image` to cover width × height (cropping the overflow), like CSS `object-fit: cover`. */
function drawCover(ctx: OffscreenCanvasRenderingContext2D, image: ImageBitmap, width: number, height: number): void {
  const scale = Math.max(width / image.width, height / image.height);
  const w = image.width * scale;
  const h = image.height * scale;
  ctx.drawImage(image, (width - w) / 2, (height - h) / 2, w, h);
}

function sized(canvas: OffscreenCanvas, width: number, height: number): OffscreenCanvas {
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  return canvas;
}

function context(canvas: OffscreenCanvas): OffscreenCanvasRenderingContext2D {
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("2D canvas is not available in this worker");
  return ctx;
}
