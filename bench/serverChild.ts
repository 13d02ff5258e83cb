/**
 * The range server as a child process (bench/serverProcess.ts starts it): options as JSON in
 * argv[2]; sends { url } once listening, answers 'stats' with { requests, bytes }, and closes on
 * 'close'.
 */
import { startRangeServer, type RangeServerOptions } from '../servers/range-server';

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as RangeServerOptions;
  const server = await startRangeServer(options);
  process.on('message', (message) => {
    if (message === 'stats') {
      process.send?.({ requests: server.stats.requests, bytes: server.stats.bytes });
    } else if (message === 'close') {
      void server.close().then(() => process.exit(0));
    }
  });
  process.send?.({ url: server.url });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
