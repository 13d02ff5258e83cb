export { isA, nearestOf, type NwbType } from './NwbType';
export {
  resolveNwbType,
  resolveNwbTypeFromAttributes,
  resolveNwbTypeName,
  typeFromSpecs,
} from './resolveNwbType';
export { compareVersions } from './versions';
