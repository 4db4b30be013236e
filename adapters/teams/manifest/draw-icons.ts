import { writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';

/**
 * Draws the two Teams app icons: a database with a circular restore arrow. `color.png` is 192×192,
 * white on the accent colour; `outline.png` is 32×32, white on transparent, as Teams requires.
 * Run with `npx tsx adapters/teams/manifest/draw-icons.ts` after changing the drawing.
 */
const ACCENT = [0x0f, 0x6c, 0xbd] as const;

/** Coverage of the white mark at a point in [-1, 1]²: 1 inside, 0 outside. */
function mark(x: number, y: number, stroke: number): number {
  const rx = 0.38;
  const ry = 0.12;
  const top = -0.28;
  const bottom = 0.3;
  const inEllipse = (cy: number, grow = 0) =>
    (x / (rx + grow)) ** 2 + ((y - cy) / (ry + grow)) ** 2 <= 1 ? 1 : 0;
  const inBody = Math.abs(x) <= rx && y >= top && y <= bottom;
  const cylinder = inBody || inEllipse(top) || inEllipse(bottom);
  // Rims: the top ellipse's outline and one band across the middle show it is a database.
  const onTopRim = inEllipse(top, stroke / 2) && !inEllipse(top, -stroke / 2);
  const onBand =
    Math.abs(x) <= rx && Math.abs(y - (0.02 + ry * Math.sqrt(Math.max(0, 1 - (x / rx) ** 2)))) < stroke / 2;
  const cut = (onTopRim && y > top) || onBand;
  // The restore arrow: an open ring from 200° round to 140°, with a head at its end.
  const r = Math.hypot(x, y);
  const angle = (Math.atan2(y, x) * 180) / Math.PI + 180;
  const onRing = Math.abs(r - 0.8) < stroke && (angle < 120 || angle > 180);
  const hx = -0.8 * Math.cos((60 * Math.PI) / 180);
  const hy = -0.8 * Math.sin((60 * Math.PI) / 180) + 0.0;
  const inHead = Math.abs(x - hx) + Math.abs(y - hy) < 0.2 && x >= hx - 0.02;
  if (onRing || inHead) return 1;
  return cylinder && !cut ? 1 : 0;
}

function draw(size: number, background: boolean, stroke: number): Buffer {
  const png = new PNG({ width: size, height: size });
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let cover = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = ((px + (sx + 0.5) / samples) / size) * 2 - 1;
          const y = ((py + (sy + 0.5) / samples) / size) * 2 - 1;
          cover += mark(x * 1.1, y * 1.1, stroke);
        }
      }
      const a = cover / samples ** 2;
      const i = (py * size + px) * 4;
      if (background) {
        png.data[i] = Math.round(ACCENT[0] + (255 - ACCENT[0]) * a);
        png.data[i + 1] = Math.round(ACCENT[1] + (255 - ACCENT[1]) * a);
        png.data[i + 2] = Math.round(ACCENT[2] + (255 - ACCENT[2]) * a);
        png.data[i + 3] = 255;
      } else {
        png.data[i] = 255;
        png.data[i + 1] = 255;
        png.data[i + 2] = 255;
        png.data[i + 3] = Math.round(255 * a);
      }
    }
  }
  return PNG.sync.write(png);
}

const dir = new URL('.', import.meta.url);
writeFileSync(new URL('color.png', dir), draw(192, true, 0.06));
writeFileSync(new URL('outline.png', dir), draw(32, false, 0.1));
