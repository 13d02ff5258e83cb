/**
 * "Copy as Python": code that reads the same table, columns and filter in a notebook, with pynwb
 * (through fsspec/remfile-style streaming of the same URL) and with lazynwb.
 */
import type { TableFilter, TableQuery } from '../../../nwb/table';

function py(text: string): string {
  return JSON.stringify(text); // a JSON string literal is a valid Python string literal
}

const PANDAS_OPS: Record<string, string> = {
  '=': '==',
  '!=': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

function literal(value: string): string {
  const n = Number(value);
  return value.trim() !== '' && Number.isFinite(n) ? String(n) : py(value);
}

function pandasFilter(df: string, f: TableFilter): string {
  const col = f.column === 'id' ? `${df}.index` : `${df}[${py(f.column)}]`;
  if (f.op === 'contains') return `${col}.astype(str).str.contains(${py(f.value)}, case=False)`;
  return `(${col} ${PANDAS_OPS[f.op]} ${literal(f.value)})`;
}

function polarsFilter(f: TableFilter): string {
  const col = `pl.col(${py(f.column)})`;
  if (f.op === 'contains')
    return `${col}.cast(pl.Utf8).str.to_lowercase().str.contains(${py(f.value.toLowerCase())}, literal=True)`;
  return `(${col} ${PANDAS_OPS[f.op]} ${literal(f.value)})`;
}

/** The pynwb expression for the table at a path (by attribute where pynwb has one). */
export function pynwbAccessor(tablePath: string): string {
  const parts = tablePath.split('/').filter((p) => p !== '');
  const known: Record<string, string> = {
    units: 'nwbfile.units',
    'general/extracellular_ephys/electrodes': 'nwbfile.electrodes',
    'intervals/trials': 'nwbfile.trials',
    'intervals/epochs': 'nwbfile.epochs',
  };
  const joined = parts.join('/');
  if (known[joined]) return known[joined];
  if (parts[0] === 'processing' && parts.length === 3) {
    return `nwbfile.processing[${py(parts[1])}][${py(parts[2])}]`;
  }
  if (parts[0] === 'intervals' && parts.length === 2) return `nwbfile.intervals[${py(parts[1])}]`;
  if (parts[0] === 'acquisition' && parts.length === 2)
    return `nwbfile.acquisition[${py(parts[1])}]`;
  // Anything else: the table of that name among the file's objects.
  return `next(o for o in nwbfile.objects.values() if o.name == ${py(parts[parts.length - 1] ?? '')} and isinstance(o, pynwb.core.DynamicTable))`;
}

export function pythonSnippet(
  url: string,
  tablePath: string,
  columns: string[],
  query: TableQuery,
): string {
  const cols = columns.filter((c) => c !== 'id');
  const pyCols = `[${cols.map(py).join(', ')}]`;
  const filterPandas = query.filters.map((f) => pandasFilter('df', f)).join(' & ');
  const sort = query.sort;
  const sortPandas = sort
    ? sort.column === 'id'
      ? `df = df.sort_index(ascending=${sort.desc ? 'False' : 'True'})\n`
      : `df = df.sort_values(${py(sort.column)}, ascending=${sort.desc ? 'False' : 'True'})\n`
    : '';
  const pynwb = [
    '# pynwb (pip install pynwb fsspec aiohttp requests)',
    'import fsspec, h5py, pynwb',
    `url = ${py(url)}`,
    'f = fsspec.filesystem("http").open(url, "rb", block_size=256 * 1024)',
    'io = pynwb.NWBHDF5IO(file=h5py.File(f, "r"), load_namespaces=True)',
    'nwbfile = io.read()',
    `table = ${pynwbAccessor(tablePath)}`,
    `df = table.to_dataframe(index=True)[${pyCols}]`,
  ];
  if (filterPandas) pynwb.push(`df = df[${filterPandas}]`);
  if (sortPandas) pynwb.push(sortPandas.trimEnd());
  pynwb.push('print(df)');

  const lazy = [
    '',
    '# lazynwb (pip install lazynwb): reads only the columns and rows asked for',
    'import lazynwb, polars as pl',
    `lf = lazynwb.scan_nwb(${py(url)}, ${py(tablePath)})`,
  ];
  if (query.filters.length > 0)
    lazy.push(`lf = lf.filter(${query.filters.map(polarsFilter).join(' & ')})`);
  if (sort)
    lazy.push(`lf = lf.sort(${py(sort.column)}, descending=${sort.desc ? 'True' : 'False'})`);
  lazy.push(`df = lf.select(${pyCols}).collect()`, 'print(df)');
  return [...pynwb, ...lazy].join('\n') + '\n';
}
