// A large float32 image on the sky written to disk in 1 MB slices (never the whole array in memory).
import { closeSync, openSync, writeSync } from 'node:fs';
import { headerBytes } from '#modules/archive/fits/testing/fits-writer.js';
import { seededRandom } from './archive-sky.js';

/** Writes a `side` × `side` BITPIX -32 image with a TAN WCS at (150, 2); returns its size in bytes. */
export function writeLargeImage(path: string, side: number): number {
  const scale = 1 / 3600;
  const header = headerBytes([
    ['SIMPLE', true],
    ['BITPIX', -32],
    ['NAXIS', 2],
    ['NAXIS1', side],
    ['NAXIS2', side],
    ['CTYPE1', 'RA---TAN'],
    ['CTYPE2', 'DEC--TAN'],
    ['CRVAL1', 150],
    ['CRVAL2', 2],
    ['CRPIX1', (side + 1) / 2],
    ['CRPIX2', (side + 1) / 2],
    ['CDELT1', -scale],
    ['CDELT2', scale],
    ['CUNIT1', 'deg'],
    ['CUNIT2', 'deg'],
    ['RADESYS', 'ICRS'],
    ['OBJECT', 'BENCH DEEP FIELD'],
    ['TELESCOP', 'LECTERN-T1'],
    ['BUNIT', 'Jy/beam'],
  ]);
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, header);
    const rand = seededRandom(4096);
    const sources = Array.from({ length: 64 }, () => ({
      x: rand() * side,
      y: rand() * side,
      peak: 50 + 950 * rand(),
    }));
    const rows = Math.max(1, Math.floor((1 << 20) / (side * 4)));
    const buf = new Uint8Array(rows * side * 4);
    const view = new DataView(buf.buffer);
    for (let y0 = 0; y0 < side; y0 += rows) {
      const n = Math.min(rows, side - y0);
      for (let r = 0; r < n; r++) {
        const y = y0 + r;
        const near = sources.filter((s) => Math.abs(s.y - y) < 12);
        for (let x = 0; x < side; x++) {
          // Noise around 100, a few Gaussian sources and rare blank (NaN) pixels.
          let v = 100 + 10 * (rand() - 0.5);
          for (const s of near) v += s.peak * Math.exp(-((x - s.x) ** 2 + (y - s.y) ** 2) / 18);
          if ((x * 31 + y * 17) % 65_521 === 0) v = Number.NaN;
          view.setFloat32((r * side + x) * 4, v, false);
        }
      }
      writeSync(fd, buf, 0, n * side * 4);
    }
    const dataBytes = side * side * 4;
    const padding = (2880 - (dataBytes % 2880)) % 2880;
    if (padding) writeSync(fd, new Uint8Array(padding));
    return header.length + dataBytes + padding;
  } finally {
    closeSync(fd);
  }
}
