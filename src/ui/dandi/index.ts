/** The DANDI UI: the dandiset page, the dandiset search, and input parsing for the opening screen. */
export { DandiBrowser, type DandiBrowserProps } from './DandiBrowser';
export { DandiSearch, type DandiSearchProps } from './DandiSearch';
export { ArchivePicker } from './ArchivePicker';
export { parseDandiInput, type DandiTarget } from '../../dandi/parseInput';
export { dandiTargetLocation } from './targetLocation';
