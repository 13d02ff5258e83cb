/**
 * Fault specs for the range server. A URL `/_fault/<spec>/<real path>` picks faults per request
 * so one server instance can serve healthy and broken variants of the same file side by side.
 */

export interface FaultSpec {
  /** Answer this status instead of the file (e.g. 403, 404). */
  status?: number;
  /** Ignore Range: answer 200 with the whole body. */
  norange?: boolean;
  /** Send the body without Content-Length (chunked), to test streaming overflow detection. */
  nolength?: boolean;
  /** The file appears cut at this many bytes. */
  truncate?: number;
  /** After this many successful requests to the path, destroy the socket mid-body. */
  dropafter?: number;
  /** Destroy the socket mid-body on the first this-many requests, then behave. */
  dropfirst?: number;
  /** The first this-many requests answer 503. */
  fail5xx?: number;
  /** Retry-After seconds sent with injected 503s. */
  retryafter?: number;
  /** Extra latency for this request, in milliseconds. */
  latency?: number;
  /** Override the server's CORS mode for this path. */
  cors?: 'none' | 'full' | 'dandi-bucket';
}

export interface FaultedPath {
  /** The spec text, part of the per-path counter key so two specs never share counters. */
  specText: string;
  spec: FaultSpec;
  /** The real URL path after the fault prefix. */
  path: string;
}

const PREFIX = '/_fault/';

/** Splits a fault URL path; returns null for a plain path. Throws on an unknown fault name. */
export function parseFaultPath(urlPath: string): FaultedPath | null {
  if (!urlPath.startsWith(PREFIX)) return null;
  const rest = urlPath.slice(PREFIX.length);
  const slash = rest.indexOf('/');
  if (slash < 0) throw new Error(`fault URL without a file path: ${urlPath}`);
  const specText = decodeURIComponent(rest.slice(0, slash));
  return { specText, spec: parseFaultSpec(specText), path: rest.slice(slash) };
}

export function parseFaultSpec(text: string): FaultSpec {
  const spec: FaultSpec = {};
  for (const part of text.split(',').filter(Boolean)) {
    const [name, value = ''] = part.split('=', 2);
    const n = Number(value);
    switch (name) {
      case 'norange':
        spec.norange = true;
        break;
      case 'nolength':
        spec.nolength = true;
        break;
      case 'cors':
        if (value !== 'none' && value !== 'full' && value !== 'dandi-bucket') {
          throw new Error(`bad cors fault: ${value}`);
        }
        spec.cors = value;
        break;
      case 'status':
      case 'truncate':
      case 'dropafter':
      case 'dropfirst':
      case 'fail5xx':
      case 'retryafter':
      case 'latency':
        if (!Number.isFinite(n) || n < 0) throw new Error(`bad fault value: ${part}`);
        spec[name] = n;
        break;
      default:
        throw new Error(`unknown fault: ${part}`);
    }
  }
  return spec;
}
