/** h5wasm's datatype metadata, described in the contract's backend-neutral terms. */
import type { Metadata } from 'h5wasm';
import type { DtypeInfo } from '../reader/contract';

// HDF5 type classes (H5T_class_t).
const INTEGER = 0;
const FLOAT = 1;
const STRING = 3;
const BITFIELD = 4;
const OPAQUE = 5;
const COMPOUND = 6;
const REFERENCE = 7;
const ENUM = 8;
const VLEN = 9;
const ARRAY = 10;

function isBooleanEnum(members: Record<string, number>): boolean {
  const names = Object.keys(members).sort().join(',');
  return names === 'FALSE,TRUE' || names === 'false,true';
}

export function describeDtype(meta: Metadata): DtypeInfo {
  const endian = { littleEndian: meta.littleEndian };
  switch (meta.type) {
    case INTEGER: {
      const cls = meta.signed ? 'int' : 'uint';
      return { class: cls, size: meta.size, description: `${cls}${meta.size * 8}`, ...endian };
    }
    case FLOAT:
      return { class: 'float', size: meta.size, description: `float${meta.size * 8}`, ...endian };
    case STRING: {
      const charset = meta.cset === 1 ? 'utf-8' : 'ascii';
      const length = meta.vlen ? 'variable length' : `fixed length ${meta.size}`;
      return { class: 'string', size: meta.size, description: `${charset} string (${length})` };
    }
    case BITFIELD:
      return { class: 'bitfield', size: meta.size, description: `bitfield${meta.size * 8}` };
    case OPAQUE:
      return { class: 'opaque', size: meta.size, description: `opaque (${meta.size} bytes)` };
    case COMPOUND: {
      const members = (meta.compound_type?.members ?? []).map((m) => ({
        name: m.name,
        dtype: describeDtype(m),
      }));
      const inner = members.map((m) => `${m.name}: ${m.dtype.description}`).join(', ');
      return { class: 'compound', size: meta.size, description: `compound{${inner}}`, members };
    }
    case REFERENCE: {
      const refKind = meta.ref_type === 'region' ? 'region' : 'object';
      return { class: 'reference', size: meta.size, description: `${refKind} reference`, refKind };
    }
    case ENUM: {
      const enumValues = meta.enum_type?.members ?? {};
      if (isBooleanEnum(enumValues)) {
        return { class: 'bool', size: meta.size, description: 'bool', enumValues };
      }
      const labels = Object.keys(enumValues).join(', ');
      return { class: 'enum', size: meta.size, description: `enum{${labels}}`, enumValues };
    }
    case VLEN: {
      const base = meta.vlen_type ? describeDtype(meta.vlen_type) : undefined;
      const description = `variable-length sequence of ${base?.description ?? 'unknown'}`;
      return { class: 'vlen', size: meta.size, description, base };
    }
    case ARRAY: {
      const base = meta.array_type ? describeDtype(meta.array_type) : undefined;
      const shape = (meta.array_type?.shape ?? []).join('×');
      const description = `array[${shape}] of ${base?.description ?? 'unknown'}`;
      return { class: 'array', size: meta.size, description, base };
    }
    default:
      return { class: 'unknown', size: meta.size, description: `HDF5 type class ${meta.type}` };
  }
}
