export {
  describeSession,
  OBJECT_GROUPS,
  type ObjectGroup,
  type SessionObject,
  type SessionOverview,
} from './describeSession';
export { walkTypedObjects, type TypedObject } from './walkTypedObjects';
