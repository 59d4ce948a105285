/**
 * A head-and-shoulders figure on a busy background, drawn on a canvas: a camera source whose person and background
 * regions are known, for the real-browser test and the bench (there is no photo of a person in any package we ship).
 */
export const SCENE = { width: 640, height: 360 } as const;

/** Boxes (x, y, w, h) well inside the person and well inside the background, where the test compares pixels. */
export const REGIONS = {
  person: { x: 290, y: 120, w: 60, h: 60 },
  background: [
    { x: 10, y: 10, w: 120, h: 80 },
    { x: 510, y: 10, w: 120, h: 80 },
  ],
} as const;

/** Draw the scene; `t` (seconds) moves the background texture slightly so the encoder sees motion. */
export function drawScene(ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, t = 0): void {
  const { width, height } = SCENE;
  // A detailed background: a bookshelf-like grid of coloured blocks and stripes (a blur visibly smooths it).
  for (let y = 0; y < height; y += 12) {
    for (let x = 0; x < width; x += 8) {
      const hue = (x * 7 + y * 13 + Math.floor(t * 10)) % 360;
      ctx.fillStyle = `hsl(${hue} 55% ${y % 24 === 0 ? 35 : 60}%)`;
      ctx.fillRect(x, y, 8, 12);
    }
  }
  const cx = width / 2;
  // Shoulders and torso.
  ctx.fillStyle = "#2b4c7e";
  ctx.beginPath();
  ctx.moveTo(cx - 190, height);
  ctx.bezierCurveTo(cx - 180, 250, cx - 110, 235, cx - 45, 230);
  ctx.lineTo(cx + 45, 230);
  ctx.bezierCurveTo(cx + 110, 235, cx + 180, 250, cx + 190, height);
  ctx.closePath();
  ctx.fill();
  // Neck.
  ctx.fillStyle = "#c98f6b";
  ctx.fillRect(cx - 28, 195, 56, 45);
  // Head.
  ctx.fillStyle = "#e0a882";
  ctx.beginPath();
  ctx.ellipse(cx, 150, 62, 80, 0, 0, Math.PI * 2);
  ctx.fill();
  // Hair.
  ctx.fillStyle = "#3b2416";
  ctx.beginPath();
  ctx.ellipse(cx, 105, 66, 42, 0, Math.PI, Math.PI * 2);
  ctx.fill();
  ctx.fillRect(cx - 66, 100, 14, 45);
  ctx.fillRect(cx + 52, 100, 14, 45);
  // Eyes, brows, nose, mouth.
  for (const side of [-1, 1]) {
    ctx.fillStyle = "#ffffff";
    ctx.beginPath();
    ctx.ellipse(cx + side * 24, 140, 11, 6, 0, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = "#2a1a10";
    ctx.beginPath();
    ctx.arc(cx + side * 24, 140, 4, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillRect(cx + side * 24 - 12, 124, 24, 4);
  }
  ctx.strokeStyle = "#a86d50";
  ctx.lineWidth = 3;
  ctx.beginPath();
  ctx.moveTo(cx, 145);
  ctx.lineTo(cx - 6, 172);
  ctx.lineTo(cx + 4, 174);
  ctx.stroke();
  ctx.fillStyle = "#a8424a";
  ctx.beginPath();
  ctx.ellipse(cx, 195, 20, 6, 0, 0, Math.PI * 2);
  ctx.fill();
}
