import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRangeServer, type RangeServer } from '../../../servers/range-server';
import { startS3Server, type S3Server } from '../../../servers/s3/s3Server';
import { BlockLoader } from '../../cache/BlockLoader';
import { MemoryBlockCache } from '../../cache/MemoryBlockCache';
import { openHdf5Reader } from '../../hdf5/openHdf5Reader';
import type { SourceDescriptor } from '../ByteSource';
import { createSource } from '../createSource';
import { signedS3Fetch, type S3Credentials } from './signedS3Fetch';

const TESTDATA = path.resolve(import.meta.dirname, '../../../../shared/testdata');
const KEY = 'neuroconv/ephy_testing_data/nwb/ecephys_tutorial_v2.5.0.nwb';
const bytes = new Uint8Array(readFileSync(path.join(TESTDATA, KEY)));

const good: S3Credentials = { accessKeyId: 'AKIDLAB', secretAccessKey: 'lab-secret' };
const temporary: S3Credentials = {
  accessKeyId: 'ASIATEMP',
  secretAccessKey: 'temp-secret',
  sessionToken: 'token-1',
};

let clockOffset = 0;
let s3: S3Server;
let other: RangeServer;

beforeAll(async () => {
  s3 = await startS3Server({
    buckets: {
      lab: { root: TESTDATA, region: 'eu-west-1' },
      pays: { root: TESTDATA, region: 'us-east-1', requesterPays: true },
      open: { root: TESTDATA, region: 'us-east-1', public: true },
    },
    keys: {
      AKIDLAB: { secretAccessKey: 'lab-secret' },
      ASIATEMP: {
        secretAccessKey: 'temp-secret',
        sessionToken: 'token-1',
        expiresAt: Date.now() + 60 * 60 * 1000,
      },
      ASIAOLD: {
        secretAccessKey: 'temp-secret',
        sessionToken: 'token-1',
        expiresAt: Date.now() - 1000,
      },
    },
    now: () => Date.now() + clockOffset,
  });
  other = await startRangeServer({ root: TESTDATA });
});
afterAll(async () => {
  await s3.close();
  await other.close();
});

const urlOf = (bucket: string) => `${s3.url}/${bucket}/${KEY}`;

async function readHead(bucket: string, credentials: S3Credentials) {
  s3.log.length = 0;
  const source = createSource({ kind: 'url', url: urlOf(bucket), s3: credentials });
  await source.identify();
  return (await source.read({ start: 0, end: 1000 })).data;
}

describe('signed S3 reads', () => {
  it('reads a private object, finding the bucket region from S3’s answer once', async () => {
    const head = await readHead('lab', good);
    expect(head).toEqual(bytes.subarray(0, 1000));
    const statuses = s3.log.map((e) => `${e.status}${e.code ? ` ${e.code}` : ''}`);
    expect(statuses[0]).toBe('400 AuthorizationHeaderMalformed');
    expect(statuses.slice(1).every((s) => s === '206')).toBe(true);
    expect(s3.log.every((e) => e.authorization?.startsWith('AWS4-HMAC-SHA256'))).toBe(true);
    expect(s3.log.slice(1).every((e) => e.authorization?.includes('/eu-west-1/s3/'))).toBe(true);
  });

  it('refuses as S3 does: wrong secret, unknown key, skewed clock, expired token', async () => {
    const withRegion = { region: 'eu-west-1' };
    await expect(
      readHead('lab', { ...good, ...withRegion, secretAccessKey: 'wrong' }),
    ).rejects.toThrow(/SignatureDoesNotMatch.*secret access key/);
    await expect(
      readHead('lab', { ...good, ...withRegion, accessKeyId: 'AKIDNOBODY' }),
    ).rejects.toThrow(/InvalidAccessKeyId/);
    clockOffset = 20 * 60 * 1000;
    await expect(readHead('lab', { ...good, ...withRegion })).rejects.toThrow(
      /RequestTimeTooSkewed.*clock/,
    );
    clockOffset = 0;
    expect(await readHead('lab', { ...temporary, ...withRegion })).toEqual(bytes.subarray(0, 1000));
    await expect(
      readHead('lab', { ...temporary, accessKeyId: 'ASIAOLD', ...withRegion }),
    ).rejects.toThrow(/ExpiredToken/);
    await expect(
      readHead('lab', { ...temporary, sessionToken: 'stolen', ...withRegion }),
    ).rejects.toThrow(/InvalidToken/);
  });

  it('pays for a requester-pays bucket only when asked to', async () => {
    await expect(readHead('pays', good)).rejects.toThrow(/AccessDenied.*requester pays/);
    expect(await readHead('pays', { ...good, requesterPays: true })).toEqual(
      bytes.subarray(0, 1000),
    );
    expect(s3.log.every((e) => e.status !== 206 || e.authorization !== null)).toBe(true);
  });

  it('never sends a signature to another origin', async () => {
    const signing = signedS3Fetch(good, new URL(s3.url).origin);
    other.stats.reset();
    const res = await signing(`${other.url}/${KEY}`, { headers: { Range: 'bytes=0-9' } });
    expect(res.status).toBe(206);
    expect(other.stats.log).toHaveLength(1);
    expect(other.stats.log[0].headers.authorization).toBeUndefined();
    expect(JSON.stringify(other.stats.log[0].headers)).not.toMatch(/AKIDLAB|x-amz/i);
  });

  it('opens a private NWB file in as many requests as the same file in a public bucket', async () => {
    const open = async (descriptor: SourceDescriptor) => {
      s3.log.length = 0;
      const reader = await openHdf5Reader({
        descriptor,
        loader: new BlockLoader({ persistent: null }),
        memory: new MemoryBlockCache(16 * 1024 * 1024),
      });
      const children = (await reader.listChildren('/')).map((c) => c.name);
      return { children, requests: s3.log.filter((e) => e.method === 'GET').length };
    };
    const pub = await open({ kind: 'url', url: urlOf('open') });
    const priv = await open({
      kind: 'url',
      url: urlOf('lab'),
      s3: { ...good, region: 'eu-west-1' },
    });
    expect(priv.children).toEqual(pub.children);
    expect(priv.children).toContain('acquisition');
    expect(priv.requests).toBe(pub.requests);
  });
});
