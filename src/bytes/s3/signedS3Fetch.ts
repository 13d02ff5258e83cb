/**
 * A `fetch` that signs requests to one S3 endpoint with AWS Signature Version 4 (aws4fetch: small,
 * dependency-free, runs in workers) and leaves every other request alone, so keys reach that
 * endpoint only. It finds the bucket's region from S3's own answer (x-amz-bucket-region, or the
 * <Region> of an AuthorizationHeaderMalformed error) and signs again once.
 */
import { AwsClient } from 'aws4fetch';
import { ExplorerError } from '../../errors';

export interface S3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Temporary credentials (STS) come with a session token. */
  sessionToken?: string;
  /** Known region; found from the bucket's answer when absent. */
  region?: string;
  /** Send `x-amz-request-payer: requester` (the reader pays for a requester-pays bucket). */
  requesterPays?: boolean;
}

const DEFAULT_REGION = 'us-east-1';

export function signedS3Fetch(
  credentials: S3Credentials,
  endpointOrigin: string,
  baseFetch: typeof fetch = (input, init) => fetch(input, init),
): typeof fetch {
  let region = credentials.region || DEFAULT_REGION;
  const clientFor = (r: string) =>
    new AwsClient({
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken || undefined,
      service: 's3',
      region: r,
    });
  let client = clientFor(region);

  const send = async (url: string, init: RequestInit | undefined) => {
    const headers = new Headers(init?.headers);
    if (credentials.requesterPays) headers.set('x-amz-request-payer', 'requester');
    const signed = await client.sign(url, { method: init?.method ?? 'GET', headers });
    // Never follow a redirect with the signature attached: it would go to another host.
    return baseFetch(signed.url, {
      method: signed.method,
      headers: signed.headers,
      signal: init?.signal,
      redirect: 'manual',
    });
  };

  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (new URL(url).origin !== endpointOrigin) return baseFetch(input, init);
    let res = await send(url, init);
    const named = res.status === 400 || res.status === 301 ? await regionNamedBy(res) : null;
    if (named && named !== region) {
      region = named;
      client = clientFor(region);
      res = await send(url, init);
    }
    if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) {
      throw new ExplorerError(
        'forbidden',
        `The S3 endpoint redirected a signed request (status ${res.status}); give the bucket's region or its own endpoint.`,
      );
    }
    if (res.status === 400 || res.status === 403) throw await s3Refusal(res);
    return res;
  }) as typeof fetch;
}

/** The region S3 says the bucket lives in, from its header or its XML error body. */
async function regionNamedBy(res: Response): Promise<string | null> {
  const header = res.headers.get('x-amz-bucket-region');
  if (header) return header;
  const body = await res
    .clone()
    .text()
    .catch(() => '');
  return /<Region>([^<]+)<\/Region>/.exec(body)?.[1] ?? null;
}

/** S3's refusal in words, with what the user can do about each kind. */
async function s3Refusal(res: Response): Promise<ExplorerError> {
  const body = await res.text().catch(() => '');
  const code = /<Code>([^<]+)<\/Code>/.exec(body)?.[1] ?? `HTTP ${res.status}`;
  const message = /<Message>([^<]+)<\/Message>/.exec(body)?.[1] ?? '';
  const advice: Record<string, string> = {
    SignatureDoesNotMatch: 'Check the secret access key.',
    InvalidAccessKeyId: 'Check the access key ID.',
    RequestTimeTooSkewed: "This computer's clock is too far from the server's; correct it.",
    ExpiredToken: 'The session token has expired; get new temporary credentials.',
    InvalidToken: 'The session token does not belong to these keys.',
    AccessDenied:
      'These keys may not read this object (for a requester-pays bucket, tick "requester pays").',
  };
  return new ExplorerError(
    'forbidden',
    `S3 refused the request: ${code}${message ? ` (${message})` : ''}. ${advice[code] ?? ''}`.trim(),
  );
}
