/** Command-line options shared by the benchmarks: `--name value` and a `--tasks a,b` pick. */

export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

/** The tasks named by `--tasks`, in `all`'s order; every task when none is named. */
export function chosenTasks<T extends string>(all: readonly T[]): T[] {
  const named = arg('tasks', '').split(',').filter(Boolean);
  const unknown = named.filter((n) => !(all as readonly string[]).includes(n));
  if (unknown.length)
    throw new Error(`Unknown task(s) ${unknown.join(', ')}; known: ${all.join(', ')}`);
  return named.length ? all.filter((t) => named.includes(t)) : [...all];
}
