/**
 * The app's location, kept in the address bar. Opening something pushes a history entry (so Back
 * returns to the previous file); moving the selection replaces the current one (so Back does not
 * walk through every click).
 */
import { useCallback, useEffect, useState } from 'react';
import type { AppLocation } from './location';
import { formatUrlState, parseUrlState, type ParsedUrlState, type UrlSettings } from './urlState';

export interface NavigateOptions {
  replace?: boolean;
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
      const search = formatUrlState(location, settings);
      const url = window.location.pathname + search + window.location.hash;
      if (options.replace) window.history.replaceState(null, '', url);
      else window.history.pushState(null, '', url);
      setState({ location, settings });
    },
    [settings],
  );

  return { location: state.location, settings, navigate };
}
