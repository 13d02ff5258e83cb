/** A neurodata type as the NWB layer understands it: its name and where it sits in the hierarchy. */
export interface NwbType {
  /** e.g. 'ElectricalSeries'. */
  name: string;
  /** e.g. 'core', 'hdmf-common', or an extension's namespace ('' when the file does not say). */
  namespace: string;
  /** Self first, then each parent up to the root base, e.g. ['ElectricalSeries', 'TimeSeries', ...]. */
  ancestry: string[];
  /** False when no specification knows the type: it is shown by name, ancestry [name]. */
  known: boolean;
  /** NWB 1.x: the type came from the legacy `ancestry` attribute. */
  legacy?: boolean;
}

/** True when the type is `base` or derives from it (an extension of DynamicTable is a table). */
export function isA(type: NwbType | null | undefined, base: string): boolean {
  return type != null && type.ancestry.includes(base);
}

/** The first of `bases` that the type is or derives from, in the order given; null when none. */
export function nearestOf<T extends string>(
  type: NwbType | null | undefined,
  bases: readonly T[],
): T | null {
  if (type == null) return null;
  for (const name of type.ancestry) {
    const hit = bases.find((base) => base === name);
    if (hit !== undefined) return hit;
  }
  return null;
}
