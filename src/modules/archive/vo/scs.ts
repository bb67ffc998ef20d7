import { separation } from '../fits/sky-geometry.js';
import type { VoImage } from './catalog.js';
import { fieldOfView, titleOf, wavelengthBand } from './image-facts.js';
import type { ScsQuery } from './params.js';
import { type VoCell, type VoField, writeVotable } from './votable.js';

/** SCS 1.03 answers `text/xml`. */
export const SCS_CONTENT_TYPE = 'text/xml; charset=utf-8';

interface Column {
  field: VoField;
  verb: 1 | 2 | 3;
  value: (image: VoImage, ctx: ScsContext) => VoCell;
}

/** What rows need beyond the image: its absolute access URL (keyed for the caller). */
export interface RowContext {
  accessUrl: (image: VoImage) => string;
}

interface ScsContext extends RowContext {
  query: { ra: number; dec: number };
}

const DEG = 'deg';

// VERB=1 is the three columns SCS requires; 2 (the default) adds what a user browses by; 3 all.
const COLUMNS: Column[] = [
  {
    verb: 1,
    field: {
      name: 'id',
      datatype: 'char',
      ucd: 'ID_MAIN',
      description: 'the image (HDU) identifier',
    },
    value: (i) => i.id,
  },
  {
    verb: 1,
    field: {
      name: 'ra',
      datatype: 'double',
      ucd: 'POS_EQ_RA_MAIN',
      unit: DEG,
      description: 'ICRS right ascension of the image centre',
    },
    value: (i) => i.centreRa,
  },
  {
    verb: 1,
    field: {
      name: 'dec',
      datatype: 'double',
      ucd: 'POS_EQ_DEC_MAIN',
      unit: DEG,
      description: 'ICRS declination of the image centre',
    },
    value: (i) => i.centreDec,
  },
  {
    verb: 2,
    field: {
      name: 'distance',
      datatype: 'double',
      ucd: 'pos.angDistance',
      unit: DEG,
      description: 'angular distance from the search position',
    },
    value: (i, c) => separation(c.query.ra, c.query.dec, i.centreRa, i.centreDec),
  },
  {
    verb: 2,
    field: {
      name: 'title',
      datatype: 'char',
      ucd: 'meta.title',
      description: 'target, product, version and HDU',
    },
    value: titleOf,
  },
  {
    verb: 2,
    field: {
      name: 'object',
      datatype: 'char',
      ucd: 'meta.id;src',
      description: 'OBJECT of the header',
    },
    value: (i) => i.object,
  },
  {
    verb: 2,
    field: {
      name: 'telescope',
      datatype: 'char',
      ucd: 'instr.tel',
      description: 'TELESCOP of the header',
    },
    value: (i) => i.telescope,
  },
  {
    verb: 2,
    field: {
      name: 'instrument',
      datatype: 'char',
      ucd: 'meta.id;instr',
      description: 'INSTRUME of the header',
    },
    value: (i) => i.instrument,
  },
  {
    verb: 2,
    field: {
      name: 'date_obs',
      datatype: 'char',
      ucd: 'time.epoch;obs',
      description: 'DATE-OBS (UTC, ISO 8601)',
    },
    value: (i) => i.observedAt?.toISOString() ?? null,
  },
  {
    verb: 2,
    field: {
      name: 'access_url',
      datatype: 'char',
      ucd: 'meta.ref.url;meta.dataset',
      description: 'download of the FITS file',
    },
    value: (i, c) => c.accessUrl(i),
  },
  {
    verb: 3,
    field: {
      name: 'product_name',
      datatype: 'char',
      ucd: 'meta.id',
      description: 'the archive product',
    },
    value: (i) => i.productName,
  },
  {
    verb: 3,
    field: {
      name: 'product_version',
      datatype: 'int',
      ucd: 'meta.version',
      description: 'the product version',
    },
    value: (i) => i.productVersion,
  },
  {
    verb: 3,
    field: {
      name: 'hdu_index',
      datatype: 'int',
      ucd: 'meta.number',
      description: 'the HDU in the file, 0 for the primary',
    },
    value: (i) => i.hduIndex,
  },
  {
    verb: 3,
    field: {
      name: 'ext_name',
      datatype: 'char',
      ucd: 'meta.id.part',
      description: 'EXTNAME of the HDU',
    },
    value: (i) => i.extName,
  },
  {
    verb: 3,
    field: {
      name: 'bunit',
      datatype: 'char',
      ucd: 'meta.unit',
      description: 'BUNIT of the pixel values',
    },
    value: (i) => i.bunit,
  },
  {
    verb: 3,
    field: {
      name: 'frequency',
      datatype: 'double',
      ucd: 'em.freq',
      unit: 'Hz',
      description: 'reference frequency',
    },
    value: (i) => i.frequencyHz,
  },
  {
    verb: 3,
    field: {
      name: 'bandwidth',
      datatype: 'double',
      ucd: 'instr.bandwidth',
      unit: 'Hz',
      description: 'bandwidth',
    },
    value: (i) => i.bandwidthHz,
  },
  {
    verb: 3,
    field: {
      name: 'wavelength',
      datatype: 'double',
      ucd: 'em.wl',
      unit: 'm',
      description: 'reference wavelength',
    },
    value: (i) => wavelengthBand(i)?.ref ?? null,
  },
  {
    verb: 3,
    field: {
      name: 'pixel_scale',
      datatype: 'double',
      ucd: 'pos.angResolution',
      unit: 'deg',
      description: 'degrees per pixel',
    },
    value: (i) => i.pixelScaleDeg,
  },
  {
    verb: 3,
    field: {
      name: 'fov',
      datatype: 'double',
      ucd: 'phys.angSize;instr.fov',
      unit: DEG,
      description: 'diameter of the sky covered',
    },
    value: fieldOfView,
  },
  {
    verb: 3,
    field: {
      name: 'naxis',
      datatype: 'int',
      arraysize: '*',
      ucd: 'meta.number',
      description: 'axis lengths, NAXIS1 first',
    },
    value: (i) => i.shape,
  },
  {
    verb: 3,
    field: { name: 'bitpix', datatype: 'int', ucd: 'meta.code', description: 'BITPIX' },
    value: (i) => i.bitpix,
  },
  {
    verb: 3,
    field: {
      name: 'file_size',
      datatype: 'long',
      ucd: 'phys.size;meta.file',
      unit: 'byte',
      description: 'size of the FITS file',
    },
    value: (i) => i.fileBytes,
  },
  {
    verb: 3,
    field: {
      name: 'format',
      datatype: 'char',
      ucd: 'meta.code.mime',
      description: 'format of the download',
    },
    value: () => 'application/fits',
  },
];

/** The result table of a cone search. */
export function scsResult(
  query: ScsQuery,
  images: VoImage[],
  ctx: RowContext,
  overflow: boolean,
): string {
  const rowCtx: ScsContext = { ...ctx, query };
  const columns = COLUMNS.filter((c) => c.verb <= query.verb);
  return writeVotable({
    resource: {
      infos: [{ name: 'QUERY_STATUS', value: 'OK' }],
      params: [],
      fields: columns.map((c) => c.field),
      rows: images.map((image) => columns.map((c) => c.value(image, rowCtx))),
      trailingInfos: overflow ? [{ name: 'QUERY_STATUS', value: 'OVERFLOW' }] : [],
    },
  });
}

/** SCS 1.03's error document: one INFO named "Error" under VOTABLE, the message in its value. */
export function scsError(message: string): string {
  // The empty RESOURCE keeps the document valid VOTable (which needs one).
  return writeVotable({ infos: [{ name: 'Error', value: message }], resource: {} });
}
