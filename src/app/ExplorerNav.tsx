/**
 * The way back from an open file, before its name: home, and for a DANDI asset its dandiset (the
 * version and folder it was opened from). Each link's href names the same place its click goes
 * to, settings included, so a link opened in a new tab keeps the place.
 */
import type { MouseEvent } from 'react';
import type { AppLocation } from '../links/location';
import { formatUrlState, type UrlSettings } from '../links/urlState';

export interface NavLink {
  label: string;
  target: AppLocation;
  href: string;
  /** Leaving an opened asset (back to its dandiset) forgets the asset handed over. */
  leavesAsset: boolean;
}

export function explorerNavLinks(location: AppLocation, settings: UrlSettings): NavLink[] {
  const link = (label: string, target: AppLocation, leavesAsset = false): NavLink => ({
    label,
    target,
    href: formatUrlState(target, settings) || '?',
    leavesAsset,
  });
  const links = [link('NWB Explorer', { view: 'home' })];
  if (location.view === 'dandi') {
    const dandiset: AppLocation = { view: 'dandi', dandiset: location.dandiset };
    if (location.version) dandiset.version = location.version;
    if (location.folder) dandiset.folder = location.folder;
    links.push(link(`Dandiset ${location.dandiset}`, dandiset, true));
  }
  return links;
}

export function ExplorerNav({
  location,
  settings,
  onNavigate,
  onLeaveAsset,
}: {
  location: AppLocation;
  settings: UrlSettings;
  onNavigate(location: AppLocation): void;
  onLeaveAsset(): void;
}) {
  const follow = (link: NavLink) => (event: MouseEvent) => {
    // A plain click navigates in place; a middle or modified click opens the href elsewhere.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    if (link.leavesAsset) onLeaveAsset();
    onNavigate(link.target);
  };
  return (
    <span className="explorer__nav">
      {explorerNavLinks(location, settings).map((link, i) => (
        <span key={link.href}>
          {i > 0 && ' › '}
          <a href={link.href} onClick={follow(link)}>
            {link.label}
          </a>
        </span>
      ))}
      {' › '}
    </span>
  );
}
