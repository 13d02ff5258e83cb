/**
 * The one URL-to-name helper of the app: the name a URL's resource goes by, for titles, status
 * text and Emscripten file names. A leaf module (imports nothing), so every layer may use it.
 */

/**
 * The last non-empty segment of a URL's path, decoded ("my file.nwb" for ".../my%20file.nwb?x=1",
 * "store.zarr" for ".../store.zarr/"); the host when the path is empty; the text itself when it is
 * not a URL. A malformed escape is kept as written.
 */
export function urlFileName(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url, 'http://localhost/');
  } catch {
    return url;
  }
  const tail = parsed.pathname.split('/').filter(Boolean).pop();
  if (!tail) return parsed.host || url;
  try {
    return decodeURIComponent(tail);
  } catch {
    return tail;
  }
}
