/**
 * Presigned URLs like S3's (SigV4 query parameters), signed with a per-process secret. A URL is
 * valid until X-Amz-Date + X-Amz-Expires, and until `revokeAll()` (tests use it to expire every
 * URL handed out so far without waiting).
 */
import { createHmac, randomBytes } from 'node:crypto';

export interface Presigner {
  sign(origin: string, pathname: string, ttlSeconds: number): string;
  /** 'ok', or why S3 would refuse the URL. */
  check(pathname: string, params: URLSearchParams): 'ok' | 'missing' | 'expired' | 'bad-signature';
  revokeAll(): void;
}

function amzDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function parseAmzDate(s: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : null;
}

export function createPresigner(): Presigner {
  const secret = randomBytes(32);
  // Part of every signature: bumping it invalidates all earlier URLs at once.
  let generation = 0;
  const mac = (pathname: string, date: string, expires: string) =>
    createHmac('sha256', secret)
      .update(`${generation}\n${pathname}\n${date}\n${expires}`)
      .digest('hex');

  return {
    sign(origin, pathname, ttlSeconds) {
      const date = amzDate(Date.now());
      const expires = String(Math.max(1, Math.round(ttlSeconds)));
      const q = new URLSearchParams({
        'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
        'X-Amz-Credential': 'STUBKEY/20240101/us-east-2/s3/aws4_request',
        'X-Amz-Date': date,
        'X-Amz-Expires': expires,
        'X-Amz-SignedHeaders': 'host',
        'X-Amz-Signature': mac(pathname, date, expires),
      });
      return `${origin}${pathname}?${q}`;
    },
    check(pathname, params) {
      const date = params.get('X-Amz-Date');
      const expires = params.get('X-Amz-Expires');
      const signature = params.get('X-Amz-Signature');
      if (!date || !expires || !signature) return 'missing';
      const start = parseAmzDate(date);
      if (start === null) return 'bad-signature';
      if (Date.now() >= start + Number(expires) * 1000) return 'expired';
      // A signature from an earlier generation was valid once: S3 would say "expired".
      if (signature !== mac(pathname, date, expires)) {
        const before = generation;
        for (let g = 0; g < before; g++) {
          const old = createHmac('sha256', secret)
            .update(`${g}\n${pathname}\n${date}\n${expires}`)
            .digest('hex');
          if (old === signature) return 'expired';
        }
        return 'bad-signature';
      }
      return 'ok';
    },
    revokeAll() {
      generation += 1;
    },
  };
}
