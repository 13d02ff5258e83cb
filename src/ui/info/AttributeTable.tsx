/** Every attribute of an object: name, dtype, shape, value. */
import type { AttributeInfo, Value } from '../../reader/contract';
import { unwrapScalar } from '../../nwb/unwrap';
import { formatShape } from '../format/values';
import { ValueView } from './ValueView';

export interface AttributeTableProps {
  attributes: AttributeInfo[];
  onNavigate?(path: string): void;
}

/** A scalar attribute may arrive wrapped in a 1-element array; show the value itself. */
function displayValue(attr: AttributeInfo): Value {
  const scalar = attr.shape !== null && attr.shape.length === 0;
  return (scalar ? unwrapScalar(attr.value) : attr.value) ?? null;
}

export function AttributeTable({ attributes, onNavigate }: AttributeTableProps) {
  return (
    <section className="info-section" aria-labelledby="attributes-heading">
      <h3 id="attributes-heading">
        Attributes <span className="muted">({attributes.length})</span>
      </h3>
      {attributes.length === 0 ? (
        <p className="muted">No attributes.</p>
      ) : (
        <table className="data-table attribute-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col">Shape</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {attributes.map((attr) => (
              <tr key={attr.name} data-attribute={attr.name}>
                <th scope="row" className="attribute-table__name">
                  {attr.name}
                </th>
                <td className="attribute-table__dtype">{attr.dtype.description}</td>
                <td className="attribute-table__shape">{formatShape(attr.shape)}</td>
                <td className="attribute-table__value">
                  {attr.error ? (
                    <span className="error-text">Could not read: {attr.error}</span>
                  ) : (
                    <ValueView value={displayValue(attr)} onNavigate={onNavigate} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
