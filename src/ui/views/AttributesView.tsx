/** The generic attribute view: every attribute of the object. */
import { AttributeTable } from '../info/AttributeTable';
import type { ViewProps } from './registry';

export function AttributesView({ attributes, onNavigate }: ViewProps) {
  return <AttributeTable attributes={attributes} onNavigate={onNavigate} />;
}
