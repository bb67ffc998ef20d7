import type { HduReport, InspectReport } from '#modules/archive/fits/index.js';

const fmt = (v: number | null | undefined, digits = 6): string =>
  v === null || v === undefined ? '-' : Number.isInteger(v) ? String(v) : v.toPrecision(digits);

function hduLines(h: HduReport): string[] {
  const lines: string[] = [];
  const name = h.extname ? ` ${h.extname}` : '';
  lines.push(
    `HDU ${h.index}${name}: ${h.type}, BITPIX ${h.bitpix}, shape ${h.shape.join('x') || '(none)'}, ${h.cards} cards, data ${h.dataSize} bytes at ${h.dataOffset}`,
  );
  if (h.scaling && (h.scaling.bscale !== 1 || h.scaling.bzero !== 0 || h.scaling.blank !== null)) {
    lines.push(
      `  scaling: BSCALE ${h.scaling.bscale} BZERO ${h.scaling.bzero}${h.scaling.unsigned ? ' (unsigned)' : ''}${h.scaling.blank !== null ? ` BLANK ${h.scaling.blank}` : ''}`,
    );
  }
  const s = h.summary;
  if (s) {
    const meta = [
      s.object && `object ${s.object}`,
      s.telescope && `telescope ${s.telescope}`,
      s.instrument && `instrument ${s.instrument}`,
      s.dateObs && `date-obs ${s.dateObs}`,
      s.bunit && `unit ${s.bunit}`,
    ].filter(Boolean);
    if (meta.length) lines.push(`  ${meta.join(', ')}`);
    if (s.beam) {
      lines.push(
        `  beam: ${fmt(s.beam.bmajArcsec)}" x ${fmt(s.beam.bminArcsec)}", PA ${fmt(s.beam.bpa)} deg`,
      );
    }
    if (s.spectral) {
      const sp = s.spectral;
      lines.push(
        `  spectral axis ${sp.axis} ${sp.ctype}: ${sp.channels} channels, plane frequency ${fmt(sp.planeFrequency, 10)} Hz, channel width ${fmt(sp.channelWidth)}, bandwidth ${fmt(sp.bandwidth)}${sp.restFrequency ? `, rest ${sp.restFrequency} Hz` : ''}`,
      );
    }
  }
  if (h.wcs) {
    const w = h.wcs;
    const c = w.centre;
    lines.push(
      `  WCS ${w.projection} (${w.ctype.join(', ')}): centre ${c ? `RA ${c.ra.toFixed(6)} Dec ${c.dec.toFixed(6)}` : 'off projection'}, pixel scale ${fmt(w.pixelScale.x)}" x ${fmt(w.pixelScale.y)}"`,
    );
    const corners = w.corners.map((p) => (p ? `(${p.ra.toFixed(5)}, ${p.dec.toFixed(5)})` : '-'));
    lines.push(`  corners: ${corners.join(' ')}`);
  } else if (h.wcsNote && h.summary) lines.push(`  WCS: none (${h.wcsNote})`);
  if (h.stats) {
    const t = h.stats;
    lines.push(
      `  stats${h.plane !== null ? ` (plane ${h.plane})` : ''}: n ${t.count}, NaN ${t.nanCount}, min ${fmt(t.min)}, max ${fmt(t.max)}, mean ${fmt(t.mean)}, median ${fmt(t.median)}, std ${fmt(t.std)}, rms ${fmt(t.rms)}, clipped mean ${fmt(t.robustMean)} std ${fmt(t.robustStd)}`,
    );
  }
  if (h.table) {
    lines.push(`  table: ${h.table.rows} rows, ${h.table.columns.length} columns`);
    for (const c of h.table.columns)
      lines.push(`    ${c.name} ${c.format}${c.unit ? ` [${c.unit}]` : ''}`);
  }
  if (h.checksum) {
    const ok = (v: boolean | null) => (v === null ? 'absent' : v ? 'ok' : 'FAILED');
    lines.push(`  checksum ${ok(h.checksum.checksumOk)}, datasum ${ok(h.checksum.datasumOk)}`);
  }
  for (const i of h.issues) lines.push(`  ${i.level}: ${i.code} ${i.message}`);
  return lines;
}

/** Human-readable form of `lectern fits inspect`. */
export function formatInspectReport(report: InspectReport): string {
  const lines = [`${report.file} (${report.size} bytes, ${report.hdus.length} HDU(s) shown)`];
  for (const h of report.hdus) lines.push(...hduLines(h));
  return lines.join('\n');
}
