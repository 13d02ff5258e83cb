/**
 * Vite plugin: for a link to a file, index.html's own script starts the fetcher worker before the
 * app's script has arrived, and names the link's file in it (src/workers/earlyOpen.ts), so the
 * file's first reads leave as soon as the worker runs. Measured without it, the worker was created
 * when the app's script ran (0.4 s after navigation on a first visit), ran 0.3-0.4 s later still,
 * the main thread being busy with the app's script and React on two cores, and the first tree
 * waited for it. The app takes the worker over when it starts its client (src/app/earlyWorkers.ts)
 * and starts its own when there is none, or when it failed to load. The reading worker is not
 * started here: its wasm compile then competed with the fetcher and the page (first tree 0.88x,
 * but a return visit 1.14x, same run).
 *
 * Started only where the app would start the same worker for the address: a `url` link (the
 * file view; `across` takes precedence, as in parseUrlState) in shared-memory mode (the page is
 * crossOriginIsolated and `bridge=retry` is not set), which is when there is a fetcher worker.
 * Build only: the worker file's name is known once it is written.
 */
import type { Plugin } from 'vite';
import { HDF5_FILE_NAME } from '../src/common/hdf5FileName';

/** The workers, by the name each is given (src/workers/workerSession.ts), and their entry file. */
const WORKERS = { fetcher: 'fetcher.worker' } as const;

export function earlyWorkers(): Plugin {
  let base = '/';
  return {
    name: 'early-workers',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      // After the bundle is written: its file names are known.
      order: 'post',
      handler(html, context) {
        const files = Object.keys(context.bundle ?? {});
        const urls = Object.fromEntries(
          Object.entries(WORKERS).map(([name, entry]) => {
            const pattern = new RegExp(`^assets/${entry.replace('.', '\\.')}-[\\w-]+\\.js$`);
            const found = files.filter((f) => pattern.test(f));
            // Loud: a renamed worker would otherwise quietly lose its early start.
            if (found.length !== 1) {
              throw new Error(`early-workers: expected one ${entry} file, found ${found.length}`);
            }
            return [name, `${base}${found[0]}`];
          }),
        );
        return {
          html,
          tags: [{ tag: 'script', children: earlyScript(urls), injectTo: 'head' }],
        };
      },
    },
  };
}

/**
 * Each worker is kept with the error it may report before the app listens (a script that did not
 * load): the app then starts a new one rather than taking a dead one. The fetcher is given the
 * link's file in its name (src/workers/earlyOpen.ts) when its http(s) URL names an HDF5 file
 * (the app's own rule, src/common/hdf5FileName.ts; no `%`, which a file family's pattern has).
 * Any other name waits for the app, as before: a store, LINDI JSON and a file family are named
 * otherwise (likelyFormat, bytes/family), and so are the DANDI URLs the app resolves first (an
 * asset's `/download/`, an S3 blob's bare id, which the app sizes with one HEAD). The app takes
 * the file over when it opens the same source, and closes it when not (S3 keys it signs with).
 */
function earlyScript(urls: Record<string, string>): string {
  return `(function(){
var q=new URLSearchParams(location.search);
if(!q.get('url')||q.get('across')||q.get('bridge')==='retry')return;
if(!window.crossOriginIsolated||typeof SharedArrayBuffer==='undefined')return;
var open=null;
try{var u=new URL(q.get('url'),location.href);
if(/^https?:$/.test(u.protocol)&&u.href.indexOf('%')<0&&${HDF5_FILE_NAME}.test(u.pathname))open=u.href}catch(e){}
var urls=${JSON.stringify(urls)},early={};
Object.keys(urls).forEach(function(name){
var given=name==='fetcher'&&open?open:null;
var w=new Worker(urls[name],{type:'module',name:given?name+'#open='+encodeURIComponent(given):name});
var kept={worker:w,failure:null,opened:given};
var onError=function(e){if(kept.failure===null)kept.failure=e.message||'it did not start';e.preventDefault()};
w.addEventListener('error',onError);w.addEventListener('messageerror',onError);
kept.release=function(){w.removeEventListener('error',onError);w.removeEventListener('messageerror',onError)};
early[name]=kept});
window.__nwbeEarlyWorkers=early})()`;
}
