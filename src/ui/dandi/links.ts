/** Real hrefs for in-app links, so a middle click or "copy link" gives a link that reopens the view. */
import type { AppLocation } from '../../links/location';
import { formatUrlState, parseUrlState } from '../../links/urlState';

export function hrefFor(location: AppLocation): string {
  if (typeof window === 'undefined') return formatUrlState(location) || '?';
  // Settings (the API base, the bridge) ride along like the app's own navigation keeps them.
  const { settings } = parseUrlState(window.location.search);
  return window.location.pathname + (formatUrlState(location, settings) || '?');
}
