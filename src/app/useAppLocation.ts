/**
 * The app's location, kept in the address bar. Opening something pushes a history entry (so Back
 * returns to the previous file); moving the selection replaces the current one (so Back does not
 * walk through every click).
 */
import { useCallback, useEffect, useState } from 'react';
import type { AppLocation } from '../links/location';
import {
  formatUrlState,
  parseUrlState,
  type ParsedUrlState,
  type UrlSettings,
} from '../links/urlState';

export interface NavigateOptions {
  replace?: boolean;
  /** New settings (e.g. another DANDI archive); by default the current ones are kept. */
  settings?: UrlSettings;
}

export interface AppLocationState {
  location: AppLocation;
  settings: UrlSettings;
  navigate(location: AppLocation, options?: NavigateOptions): void;
}

function readWindow(): ParsedUrlState {
  return parseUrlState(window.location.search);
}

export function useAppLocation(): AppLocationState {
  const [state, setState] = useState<ParsedUrlState>(readWindow);

  useEffect(() => {
    const onPopState = () => setState(readWindow());
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  const { settings } = state;
  const navigate = useCallback(
    (location: AppLocation, options: NavigateOptions = {}) => {
      const nextSettings = options.settings ?? settings;
      const search = formatUrlState(location, nextSettings);
      const url = window.location.pathname + search + window.location.hash;
      if (options.replace) window.history.replaceState(null, '', url);
      else window.history.pushState(null, '', url);
      setState({ location, settings: nextSettings });
    },
    [settings],
  );

  return { location: state.location, settings, navigate };
}
