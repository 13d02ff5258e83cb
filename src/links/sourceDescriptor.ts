/**
 * What can be opened, as the app and the DANDI browser name it. The type belongs to the byte layer
 * (each variant is one kind of ByteSource); only the type crosses, never the code that reads bytes.
 */
export type { SourceDescriptor } from '../bytes/ByteSource';
