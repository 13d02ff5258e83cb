export {
  dataObjects,
  describeSession,
  groupOf,
  measureSeries,
  OBJECT_GROUPS,
  type ObjectGroup,
  type SessionObject,
  type SessionOverview,
} from './describeSession';
export { walkTypedObjects, type TypedObject, type WalkOptions } from './walkTypedObjects';
