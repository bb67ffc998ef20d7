import type { VoImage } from './catalog.js';
import { mjdOf, titleOf, wavelengthBand } from './image-facts.js';
import type { RowContext } from './scs.js';
import { type VoCell, type VoField, type VoParam, writeVotable } from './votable.js';

/** SIA 1.0 answers a VOTable. */
export const VOTABLE_CONTENT_TYPE = 'application/x-votable+xml; charset=utf-8';

interface Column {
  field: VoField;
  value: (image: VoImage, ctx: RowContext) => VoCell;
}

const DEG = 'deg';

// The SIA 1.0 columns: those the standard requires (title, position, naxes, naxis, scale,
// format, access reference) and the recommended ones the archive knows.
const COLUMNS: Column[] = [
  {
    field: {
      name: 'title',
      datatype: 'char',
      ucd: 'VOX:Image_Title',
      description: 'target, product, version and HDU',
    },
    value: titleOf,
  },
  {
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
    field: {
      name: 'instrument',
      datatype: 'char',
      ucd: 'INST_ID',
      description: 'INSTRUME (or TELESCOP) of the header',
    },
    value: (i) => i.instrument ?? i.telescope,
  },
  {
    field: {
      name: 'mjd_obs',
      datatype: 'double',
      ucd: 'VOX:Image_MJDateObs',
      unit: 'd',
      description: 'MJD of DATE-OBS',
    },
    value: (i) => (i.observedAt ? mjdOf(i.observedAt) : null),
  },
  {
    field: {
      name: 'naxes',
      datatype: 'int',
      ucd: 'VOX:Image_Naxes',
      description: 'number of image axes',
    },
    value: (i) => i.shape.length,
  },
  {
    field: {
      name: 'naxis',
      datatype: 'int',
      arraysize: '*',
      ucd: 'VOX:Image_Naxis',
      description: 'axis lengths in pixels, NAXIS1 first',
    },
    value: (i) => i.shape,
  },
  {
    field: {
      name: 'scale',
      datatype: 'double',
      arraysize: '*',
      ucd: 'VOX:Image_Scale',
      unit: 'deg/pix',
      description: 'degrees per pixel along the two sky axes',
    },
    value: (i) => (i.pixelScaleDeg === null ? null : [i.pixelScaleDeg, i.pixelScaleDeg]),
  },
  {
    field: {
      name: 'format',
      datatype: 'char',
      ucd: 'VOX:Image_Format',
      description: 'MIME type of the download',
    },
    value: () => 'image/fits',
  },
  {
    field: {
      name: 'coord_frame',
      datatype: 'char',
      ucd: 'VOX:STC_CoordRefFrame',
      description: 'celestial frame of ra and dec',
    },
    value: () => 'ICRS',
  },
  {
    field: {
      name: 'coord_equinox',
      datatype: 'double',
      ucd: 'VOX:STC_CoordEquinox',
      description: 'equinox of the frame',
    },
    value: () => 2000,
  },
  {
    field: {
      name: 'bandpass_unit',
      datatype: 'char',
      ucd: 'VOX:BandPass_Unit',
      description: 'unit of the bandpass values',
    },
    value: (i) => (wavelengthBand(i) ? 'meters' : null),
  },
  {
    field: {
      name: 'bandpass_refvalue',
      datatype: 'double',
      ucd: 'VOX:BandPass_RefValue',
      unit: 'm',
      description: 'reference wavelength',
    },
    value: (i) => wavelengthBand(i)?.ref ?? null,
  },
  {
    field: {
      name: 'bandpass_hilimit',
      datatype: 'double',
      ucd: 'VOX:BandPass_HiLimit',
      unit: 'm',
      description: 'longest wavelength',
    },
    value: (i) => wavelengthBand(i)?.max ?? null,
  },
  {
    field: {
      name: 'bandpass_lolimit',
      datatype: 'double',
      ucd: 'VOX:BandPass_LoLimit',
      unit: 'm',
      description: 'shortest wavelength',
    },
    value: (i) => wavelengthBand(i)?.min ?? null,
  },
  {
    field: {
      name: 'pixflags',
      datatype: 'char',
      ucd: 'VOX:Image_PixFlags',
      description: 'C: the pixels are those of the stored file, unchanged',
    },
    value: () => 'C',
  },
  {
    field: {
      name: 'file_size',
      datatype: 'long',
      ucd: 'VOX:Image_FileSize',
      unit: 'byte',
      description: 'size of the FITS file',
    },
    value: (i) => i.fileBytes,
  },
  {
    field: {
      name: 'access_url',
      datatype: 'char',
      ucd: 'VOX:Image_AccessReference',
      description: 'download of the FITS file',
    },
    value: (i, c) => c.accessUrl(i),
  },
  {
    field: {
      name: 'id',
      datatype: 'char',
      ucd: 'meta.id',
      description: 'the image (HDU) identifier',
    },
    value: (i) => i.id,
  },
  {
    field: {
      name: 'object',
      datatype: 'char',
      ucd: 'meta.id;src',
      description: 'OBJECT of the header',
    },
    value: (i) => i.object,
  },
  {
    field: {
      name: 'telescope',
      datatype: 'char',
      ucd: 'instr.tel',
      description: 'TELESCOP of the header',
    },
    value: (i) => i.telescope,
  },
];

// FORMAT=METADATA describes the input parameters as PARAMs named INPUT:<name>.
const INPUT_PARAMS: VoParam[] = [
  {
    name: 'INPUT:POS',
    id: 'INPUT_POS',
    datatype: 'char',
    value: '',

    unit: DEG,
    description: 'Search centre: ra,dec in ICRS degrees (required)',
  },
  {
    name: 'INPUT:SIZE',
    id: 'INPUT_SIZE',
    datatype: 'char',
    value: '',
    unit: DEG,
    description: 'Box size: one number, or width,height, in degrees (required)',
  },
  {
    name: 'INPUT:INTERSECT',
    id: 'INPUT_INTERSECT',
    datatype: 'char',
    value: 'OVERLAPS',
    description:
      'COVERS, ENCLOSED, CENTER or OVERLAPS; judged from the image centre and its footprint corners',
  },
  {
    name: 'INPUT:FORMAT',
    id: 'INPUT_FORMAT',
    datatype: 'char',
    value: 'ALL',
    description: 'ALL, METADATA, GRAPHIC or a MIME type; the archive serves image/fits',
  },
  {
    name: 'INPUT:VERB',
    id: 'INPUT_VERB',
    datatype: 'int',
    value: '1',
    description: 'Verbosity 0–3 (every column is always returned)',
  },
  {
    name: 'INPUT:MAXREC',
    id: 'INPUT_MAXREC',
    datatype: 'int',
    value: '',
    description: 'The most images to return',
  },
];

/** The result table of an image search; with `metadata`, no rows and the input parameters. */
export function sia1Result(
  images: VoImage[],
  ctx: RowContext,
  overflow: boolean,
  metadata = false,
): string {
  return writeVotable({
    resource: {
      infos: [{ name: 'QUERY_STATUS', value: 'OK' }],
      params: metadata ? INPUT_PARAMS : [],
      fields: COLUMNS.map((c) => c.field),
      rows: images.map((image) => COLUMNS.map((c) => c.value(image, ctx))),
      trailingInfos: overflow ? [{ name: 'QUERY_STATUS', value: 'OVERFLOW' }] : [],
    },
  });
}

/** SIA 1.0's (and DALI's) error document: QUERY_STATUS=ERROR with the message as its text. */
export function dalError(message: string): string {
  return writeVotable({
    resource: {
      infos: [{ name: 'QUERY_STATUS', value: 'ERROR', content: message }],
    },
  });
}
