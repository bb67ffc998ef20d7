export interface ZScaleOptions {
  samples?: number;
  contrast?: number;
  maxReject?: number;
  minPixels?: number;
  krej?: number;
  maxIterations?: number;
}

/**
 * IRAF's zscale display range, as astropy's ZScaleInterval computes it: a line is fitted to a
 * sorted sample of the pixels with iterative k-sigma rejection, and its slope divided by the
 * contrast sets the range around the median.
 */
export function zscale(values: ArrayLike<number>, options: ZScaleOptions = {}): [number, number] {
  const nSamples = options.samples ?? 1000;
  const contrast = options.contrast ?? 0.25;
  const maxReject = options.maxReject ?? 0.5;
  const minPixels = options.minPixels ?? 5;
  const krej = options.krej ?? 2.5;
  const maxIterations = options.maxIterations ?? 5;

  let finite = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i]!)) finite++;
  if (finite === 0) return [0, 1];
  const stride = Math.max(1, Math.floor(finite / nSamples));
  const picked: number[] = [];
  for (let i = 0, f = 0; i < values.length && picked.length < nSamples; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (f % stride === 0) picked.push(v);
    f++;
  }
  const samples = Float64Array.from(picked).sort();
  const npix = samples.length;
  let vmin = samples[0]!;
  let vmax = samples[npix - 1]!;
  const minpix = Math.max(minPixels, Math.floor(npix * maxReject));
  const ngrow = Math.max(1, Math.floor(npix * 0.01));
  let bad = new Uint8Array(npix);
  let ngood = npix;
  let lastGood = npix + 1;
  let slope = 0;
  let fitted = false;
  for (let it = 0; it < maxIterations; it++) {
    if (ngood >= lastGood || ngood < minpix) break;
    // Least squares line through the good samples (x = index).
    let sw = 0;
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let sxy = 0;
    for (let i = 0; i < npix; i++) {
      if (bad[i]) continue;
      const y = samples[i]!;
      sw++;
      sx += i;
      sy += y;
      sxx += i * i;
      sxy += i * y;
    }
    const det = sw * sxx - sx * sx;
    slope = det === 0 ? 0 : (sw * sxy - sx * sy) / det;
    const intercept = (sy - slope * sx) / sw;
    fitted = true;
    const flat = new Float64Array(npix);
    let m = 0;
    for (let i = 0; i < npix; i++) {
      flat[i] = samples[i]! - (slope * i + intercept);
      if (!bad[i]) m += flat[i]!;
    }
    m /= sw;
    let v = 0;
    for (let i = 0; i < npix; i++) if (!bad[i]) v += (flat[i]! - m) ** 2;
    const threshold = krej * Math.sqrt(v / sw);
    for (let i = 0; i < npix; i++) {
      if (flat[i]! < -threshold || flat[i]! > threshold) bad[i] = 1;
    }
    // Grow rejected samples by ngrow, as numpy.convolve(mode='same') with a box of that length.
    const grown = new Uint8Array(npix);
    const left = ngrow >> 1;
    const right = (ngrow - 1) >> 1;
    for (let i = 0; i < npix; i++) {
      if (!bad[i]) continue;
      for (let j = Math.max(0, i - right); j <= Math.min(npix - 1, i + left); j++) grown[j] = 1;
    }
    bad = grown;
    lastGood = ngood;
    ngood = 0;
    for (let i = 0; i < npix; i++) if (!bad[i]) ngood++;
  }
  if (fitted && ngood >= minpix) {
    if (contrast > 0) slope /= contrast;
    const center = (npix - 1) >> 1;
    const median =
      npix % 2 === 1 ? samples[npix >> 1]! : (samples[npix / 2 - 1]! + samples[npix / 2]!) / 2;
    vmin = Math.max(vmin, median - (center - 1) * slope);
    vmax = Math.min(vmax, median + (npix - center) * slope);
  }
  return [vmin, vmax];
}
