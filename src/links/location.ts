/**
 * The app's address: everything needed to reopen the same view from a copied link.
 * Parsing and formatting live in urlState.ts; this file is the shared shape only.
 */
export type AppLocation =
  /** The opening screen. */
  | { view: 'home' }
  /** A file by URL (https, s3:// or a same-origin path such as a bundled sample). */
  | { view: 'file'; url: string; path?: string; time?: string }
  /**
   * A dropped local file or folder, by name: after a reload it reopens from a handle remembered
   * on this device (Chromium), else the user drops it again (files are not uploaded).
   */
  | { view: 'local'; name: string; path?: string; time?: string }
  /** A dandiset, optionally a version, a folder in it, an asset opened, and a path in that asset. */
  | {
      view: 'dandi';
      dandiset: string;
      version?: string;
      folder?: string;
      assetId?: string;
      assetPath?: string;
      path?: string;
      /** Time window of a plotted series, "start,end" in seconds (t=...); belongs to `path`. */
      time?: string;
    }
  /**
   * Many files at once: a dandiset (optionally a version, a folder and a glob) or a list of URLs;
   * the stacked table's path and the SQL query.
   */
  | {
      view: 'across';
      dandiset?: string;
      version?: string;
      folder?: string;
      glob?: string;
      urls?: string[];
      table?: string;
      sql?: string;
    };
