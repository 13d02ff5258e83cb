/**
 * The h5dump quirks the comparison depends on, on excerpts of real h5dump 1.10 output: a
 * reader that misparsed them would make the data-driven test pass or fail for the wrong reason.
 */
import { describe, expect, it } from 'vitest';
import { parseDdl, unquote } from './h5dumpDdl';

describe('h5dump DDL', () => {
  it('decodes -e strings: escapes, and bytes above 0x7f printed sign-extended', () => {
    expect(unquote('"na\\37777777703\\37777777657ve \\"q\\" a\\\\b\\tc\\nd"')).toBe(
      'naïve "q" a\\b\tc\nd',
    );
  });

  it('reads object references (skipping the data h5dump prints after them) and regions', () => {
    const [root] = parseDdl(`HDF5 "f" {
GROUP "/" {
   ATTRIBUTE ".specloc" {
      DATATYPE  H5T_REFERENCE { H5T_STD_REF_OBJECT }
      DATASPACE  SCALAR
      DATA {
         GROUP 22544 "/specifications"
            DATA {
            }
      }
   }
   DATASET "index" {
      DATATYPE  H5T_REFERENCE { H5T_STD_REF_DSETREG }
      DATASPACE  SIMPLE { ( 3 ) / ( H5S_UNLIMITED ) }
      STORAGE_LAYOUT {
         CHUNKED ( 2048 )
         SIZE 16384 (1.5:1 COMPRESSION)
      }
      FILTERS {
         COMPRESSION DEFLATE { LEVEL 4 }
         PREPROCESSING SHUFFLE
      }
      DATA {
         DATASET "/units/spike_times" {
            REGION_TYPE BLOCK  (0,1)-(3,1), (8,0)-(8,0)
            DATATYPE  H5T_IEEE_F64LE
            DATASPACE  SIMPLE { ( 10, 2 ) / ( 10, 2 ) }
         }
         DATASET "/units/spike_times"
         DATASET "/units/spike_times" {
            REGION_TYPE POINT  (1,0), (4,1)
            DATATYPE  H5T_IEEE_F64LE
            DATASPACE  SIMPLE { ( 10, 2 ) / ( 10, 2 ) }
         }
      }
   }
   SOFTLINK "device" {
      LINKTARGET "/general/devices/array"
   }
}
}`);
    expect(root.attributes[0].data).toEqual([{ t: 'object-ref', path: '/specifications' }]);
    const index = root.children[0];
    expect(index.space).toEqual({ kind: 'simple', dims: [3], maxdims: [null] });
    expect(index.layout).toEqual({ kind: 'CHUNKED', chunks: [2048], size: 16384 });
    expect(index.filters).toEqual([1, 2]);
    expect(index.data).toEqual([
      { t: 'region-ref', path: '/units/spike_times', region: 'BLOCK(0,1)-(3,1),(8,0)-(8,0)' },
      { t: 'region-ref', path: '/units/spike_times', region: null },
      { t: 'region-ref', path: '/units/spike_times', region: 'POINT(1,0),(4,1)' },
    ]);
    expect(root.children[1]).toMatchObject({ kind: 'soft-link', target: '/general/devices/array' });
  });

  it('reads compound records, vlen sequences and index prefixes as values', () => {
    const [dataset] = parseDdl(`HDF5 "f" {
DATASET "/t" {
   DATATYPE  H5T_COMPOUND {
      H5T_STD_I32LE "idx_start";
      H5T_VLEN { H5T_STD_I32LE } "seq";
      H5T_REFERENCE { H5T_STD_REF_OBJECT } "timeseries";
   }
   DATASPACE  SIMPLE { ( 2 ) / ( 2 ) }
   DATA {
   (0): {
         0,
         (1, 2),
         GROUP 1832 "/acquisition/a"
      },
   (1): {
         -3,
         (),
         DATASET 1900 "/acquisition/b"
      }
   }
}
}`);
    expect(dataset.type?.members?.map((m) => m.type.class)).toEqual(['int', 'vlen', 'reference']);
    const word = (text: string) => ({ t: 'word', text });
    expect(dataset.data).toEqual([
      {
        t: 'list',
        items: [
          word('0'),
          { t: 'list', items: [word('1'), word('2')] },
          { t: 'object-ref', path: '/acquisition/a' },
        ],
      },
      {
        t: 'list',
        items: [word('-3'), { t: 'list', items: [] }, { t: 'object-ref', path: '/acquisition/b' }],
      },
    ]);
  });
});
