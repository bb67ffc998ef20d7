import type { ConeFilters, VoImage } from './catalog.js';
import {
  dateOfMjd,
  fieldOfView,
  hzOfMetres,
  mjdOf,
  observableUcdOf,
  productTypeOf,
  stcRegionOf,
  wavelengthBand,
} from './image-facts.js';
import type { Interval, Sia2Query } from './params.js';
import type { RowContext } from './scs.js';
import { type VoCell, type VoField, writeVotable } from './votable.js';

/** The one collection the archive publishes (ObsCore obs_collection). */
export const OBS_COLLECTION = 'lectern-archive';
/** ObsCore calibration level: archive products are processed, science-ready images. */
const CALIB_LEVEL = 2;
const ACCESS_FORMAT = 'application/fits';

export interface Sia2Context extends RowContext {
  publisherDid: (image: VoImage) => string;
}

interface Column {
  field: VoField;
  value: (image: VoImage, ctx: Sia2Context) => VoCell;
}

const obscore = (
  name: string,
  datatype: VoField['datatype'],
  utype: string,
  ucd: string,
  unit: string | undefined,
  description: string,
  value: Column['value'],
): Column => ({
  field: { name, datatype, utype: `obscore:${utype}`, ucd, unit, description },
  value,
});

const spatialSize = (image: VoImage, axis: 0 | 1) => image.shape[axis] ?? null;

// The ObsCore 1.1 mandatory columns, in the order of its table; unknowns are null.
const COLUMNS: Column[] = [
  obscore(
    'dataproduct_type',
    'char',
    'ObsDataset.dataProductType',
    'meta.id',
    undefined,
    'image or cube',
    productTypeOf,
  ),
  obscore(
    'calib_level',
    'short',
    'ObsDataset.calibLevel',
    'meta.code;obs.calib',
    undefined,
    'calibration level (2: science ready)',
    () => CALIB_LEVEL,
  ),
  obscore(
    'obs_collection',
    'char',
    'DataID.Collection',
    'meta.id',
    undefined,
    'the data collection',
    () => OBS_COLLECTION,
  ),
  obscore(
    'obs_id',
    'char',
    'DataID.observationID',
    'meta.id',
    undefined,
    'product name and version',
    (i) => `${i.productName} v${i.productVersion}`,
  ),
  obscore(
    'obs_publisher_did',
    'char',
    'Curation.PublisherDID',
    'meta.ref.ivoid',
    undefined,
    'IVOA identifier of the image',
    (i, c) => c.publisherDid(i),
  ),
  obscore(
    'access_url',
    'char',
    'Access.Reference',
    'meta.ref.url',
    undefined,
    'download of the FITS file',
    (i, c) => c.accessUrl(i),
  ),
  obscore(
    'access_format',
    'char',
    'Access.Format',
    'meta.code.mime',
    undefined,
    'format of the download',
    () => ACCESS_FORMAT,
  ),
  obscore(
    'access_estsize',
    'long',
    'Access.Size',
    'phys.size;meta.file',
    'kbyte',
    'size of the download',
    (i) => Math.ceil(i.fileBytes / 1024),
  ),
  obscore(
    'target_name',
    'char',
    'Target.Name',
    'meta.id;src',
    undefined,
    'OBJECT of the header',
    (i) => i.object,
  ),
  obscore(
    's_ra',
    'double',
    'Char.SpatialAxis.Coverage.Location.Coord.Position2D.Value2.C1',
    'pos.eq.ra',
    'deg',
    'ICRS right ascension of the centre',
    (i) => i.centreRa,
  ),
  obscore(
    's_dec',
    'double',
    'Char.SpatialAxis.Coverage.Location.Coord.Position2D.Value2.C2',
    'pos.eq.dec',
    'deg',
    'ICRS declination of the centre',
    (i) => i.centreDec,
  ),
  obscore(
    's_fov',
    'double',
    'Char.SpatialAxis.Coverage.Bounds.Extent.diameter',
    'phys.angSize;instr.fov',
    'deg',
    'diameter of the sky covered',
    fieldOfView,
  ),
  obscore(
    's_region',
    'char',
    'Char.SpatialAxis.Coverage.Support.Area',
    'pos.outline;obs.field',
    undefined,
    'footprint (STC-S)',
    stcRegionOf,
  ),
  obscore(
    's_resolution',
    'double',
    'Char.SpatialAxis.Resolution.Refval.value',
    'pos.angResolution',
    'arcsec',
    'pixel scale (an upper bound on the resolution element is not recorded)',
    (i) => (i.pixelScaleDeg === null ? null : i.pixelScaleDeg * 3600),
  ),
  obscore(
    's_xel1',
    'long',
    'Char.SpatialAxis.numBins1',
    'meta.number',
    undefined,
    'pixels along NAXIS1',
    (i) => spatialSize(i, 0),
  ),
  obscore(
    's_xel2',
    'long',
    'Char.SpatialAxis.numBins2',
    'meta.number',
    undefined,
    'pixels along NAXIS2',
    (i) => spatialSize(i, 1),
  ),
  obscore(
    't_min',
    'double',
    'Char.TimeAxis.Coverage.Bounds.Limits.StartTime',
    'time.start;obs.exposure',
    'd',
    'MJD of DATE-OBS',
    (i) => (i.observedAt ? mjdOf(i.observedAt) : null),
  ),
  obscore(
    't_max',
    'double',
    'Char.TimeAxis.Coverage.Bounds.Limits.StopTime',
    'time.end;obs.exposure',
    'd',
    'MJD of DATE-OBS (no exposure time is recorded)',
    (i) => (i.observedAt ? mjdOf(i.observedAt) : null),
  ),
  obscore(
    't_exptime',
    'double',
    'Char.TimeAxis.Coverage.Support.Extent',
    'time.duration;obs.exposure',
    's',
    'exposure time',
    () => null,
  ),
  obscore(
    't_resolution',
    'double',
    'Char.TimeAxis.Resolution.Refval.value',
    'time.resolution',
    's',
    'time resolution',
    () => null,
  ),
  obscore(
    't_xel',
    'long',
    'Char.TimeAxis.numBins',
    'meta.number',
    undefined,
    'time samples',
    () => null,
  ),
  obscore(
    'em_min',
    'double',
    'Char.SpectralAxis.Coverage.Bounds.Limits.LoLimit',
    'em.wl;stat.min',
    'm',
    'shortest wavelength',
    (i) => wavelengthBand(i)?.min ?? null,
  ),
  obscore(
    'em_max',
    'double',
    'Char.SpectralAxis.Coverage.Bounds.Limits.HiLimit',
    'em.wl;stat.max',
    'm',
    'longest wavelength',
    (i) => wavelengthBand(i)?.max ?? null,
  ),
  obscore(
    'em_res_power',
    'double',
    'Char.SpectralAxis.Resolution.ResolPower.refVal',
    'spect.resolution',
    undefined,
    'spectral resolving power',
    () => null,
  ),
  obscore(
    'em_xel',
    'long',
    'Char.SpectralAxis.numBins',
    'meta.number',
    undefined,
    'spectral channels',
    (i) => (productTypeOf(i) === 'cube' ? (i.shape[2] ?? null) : 1),
  ),
  obscore(
    'o_ucd',
    'char',
    'Char.ObservableAxis.ucd',
    'meta.ucd',
    undefined,
    'what the pixels measure',
    observableUcdOf,
  ),
  obscore(
    'pol_states',
    'char',
    'Char.PolarizationAxis.stateList',
    'meta.code;phys.polarization',
    undefined,
    'polarization states',
    () => null,
  ),
  obscore(
    'pol_xel',
    'long',
    'Char.PolarizationAxis.numBins',
    'meta.number',
    undefined,
    'polarization samples',
    () => null,
  ),
  obscore(
    'facility_name',
    'char',
    'Provenance.ObsConfig.Facility.name',
    'meta.id;instr.tel',
    undefined,
    'TELESCOP of the header',
    (i) => i.telescope,
  ),
  obscore(
    'instrument_name',
    'char',
    'Provenance.ObsConfig.Instrument.name',
    'meta.id;instr',
    undefined,
    'INSTRUME of the header',
    (i) => i.instrument,
  ),
];

const within = (value: number | null, intervals: Interval[]) =>
  intervals.length === 0 ||
  (value !== null && intervals.some(({ low, high }) => value >= low && value <= high));

const overlapsAny = (band: { min: number; max: number } | null, intervals: Interval[]) =>
  intervals.length === 0 ||
  (band !== null && intervals.some(({ low, high }) => band.min <= high && band.max >= low));

const oneOf = (value: string | null, wanted: string[]) =>
  wanted.length === 0 ||
  (value !== null && wanted.some((w) => w.toLowerCase() === value.toLowerCase()));

/**
 * The exact SIA v2 constraints other than POS: BAND overlaps the image's wavelengths, TIME holds
 * its DATE-OBS, FOV and SPATRES hold s_fov and s_resolution, ID/COLLECTION/FACILITY/INSTRUMENT/
 * DPTYPE/TARGET/FORMAT match (case-insensitively), CALIB the level. What the archive does not
 * record (EXPTIME, TIMERES, SPECRP, POL) matches nothing once constrained.
 */
export function sia2Keeps(query: Sia2Query, ctx: Pick<Sia2Context, 'publisherDid'>) {
  return (image: VoImage): boolean =>
    overlapsAny(wavelengthBand(image), query.bands) &&
    within(image.observedAt ? mjdOf(image.observedAt) : null, query.times) &&
    within(fieldOfView(image), query.fov) &&
    within(image.pixelScaleDeg === null ? null : image.pixelScaleDeg * 3600, query.spatres) &&
    within(null, query.exptime) &&
    within(null, query.timeres) &&
    within(null, query.specrp) &&
    oneOf(null, query.pol) &&
    (query.ids.length === 0 || query.ids.includes(ctx.publisherDid(image))) &&
    oneOf(OBS_COLLECTION, query.collections) &&
    oneOf(image.telescope, query.facilities) &&
    oneOf(image.instrument, query.instruments) &&
    oneOf(productTypeOf(image), query.dptypes) &&
    (query.calibs.length === 0 || query.calibs.includes(CALIB_LEVEL)) &&
    oneOf(image.object, query.targets) &&
    oneOf(ACCESS_FORMAT, query.formats);
}

/** The hull of BAND and TIME, for the catalog to narrow its candidates by. */
export function sia2Hint(query: Sia2Query): ConeFilters {
  const hint: ConeFilters = {};
  if (query.bands.length > 0) {
    const shortest = Math.min(...query.bands.map((b) => b.low));
    const longest = Math.max(...query.bands.map((b) => b.high));
    if (Number.isFinite(longest)) hint.minHz = hzOfMetres(longest);
    const maxHz = hzOfMetres(shortest);
    if (Number.isFinite(maxHz)) hint.maxHz = maxHz;
  }
  if (query.times.length > 0) {
    const from = dateOfMjd(Math.min(...query.times.map((t) => t.low)));
    const to = dateOfMjd(Math.max(...query.times.map((t) => t.high)));
    if (from) hint.fromDate = from;
    if (to) hint.toDate = to;
  }
  return hint;
}

/** The ObsCore result table of an SIA v2 query. */
export function sia2Result(images: VoImage[], ctx: Sia2Context, overflow: boolean): string {
  return writeVotable({
    resource: {
      infos: [{ name: 'QUERY_STATUS', value: 'OK' }],
      fields: COLUMNS.map((c) => c.field),
      rows: images.map((image) => COLUMNS.map((c) => c.value(image, ctx))),
      trailingInfos: overflow ? [{ name: 'QUERY_STATUS', value: 'OVERFLOW' }] : [],
    },
  });
}
