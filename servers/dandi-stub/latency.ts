/**
 * A round trip for the stand-in's servers: the request is logged and handled only after `ms`, as
 * a server across a network answers later. For the browser benchmark's DANDI link, which must
 * wait for the archive as a person's browser does.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export function afterLatency(ms: number | undefined, handle: Handler): Handler {
  if (!ms) return handle;
  return (req, res) => {
    setTimeout(() => {
      if (!res.destroyed) handle(req, res);
    }, ms);
  };
}
