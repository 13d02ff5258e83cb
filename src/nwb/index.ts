export { NEURODATA_ATTRS, LEGACY_NEURODATA_ATTRS } from './attrs';
export { describeNwbFile, isLegacyVersion, type NwbFileDescription } from './describeNwbFile';
export {
  isNumericArray,
  unwrapNumber,
  unwrapScalar,
  unwrapString,
  unwrapStringList,
} from './unwrap';
