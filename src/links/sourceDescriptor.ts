/**
 * What can be opened, as the app and the DANDI browser name it: one file (a URL or a local file)
 * or a dropped folder (a Zarr store). The type belongs to the byte layer; only the type crosses,
 * never the code that reads bytes.
 */
export type { OpenSource as SourceDescriptor } from '../bytes/ByteSource';
export type { S3Credentials } from '../bytes/s3/signedS3Fetch';
