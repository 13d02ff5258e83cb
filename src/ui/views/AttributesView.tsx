/** The generic attribute view: every attribute of the object. */
import { AttributeTable } from '../info/AttributeTable';
import type { ViewProps } from './types';

export function AttributesView({ attributes, onNavigate }: ViewProps) {
  return <AttributeTable attributes={attributes} onNavigate={onNavigate} />;
}
