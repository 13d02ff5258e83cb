/**
 * What a view is: the registry lists ViewDefinitions, the info pane renders their components.
 * Views read through the data hooks in `ui/data` (the reader comes from the ReaderProvider), so
 * they take only the path and narrow props.
 */
import type { ComponentType } from 'react';
import type { NwbType } from '../../nwb/types';
import type { AttributeInfo, DatasetInfo } from '../../reader/contract';
import type { ObjectKind } from '../info/useObjectInfo';

export interface ViewContext {
  neurodataType?: string;
  /** The object's neurodata type with its ancestry (views test it with `isA(ctx.nwbType, ...)`). */
  nwbType?: NwbType;
  kind: ObjectKind;
  info?: DatasetInfo;
}

export interface ViewProps {
  path: string;
  kind: ObjectKind;
  attributes: AttributeInfo[];
  info?: DatasetInfo;
  neurodataType?: string;
  /** Select another object (an object reference was clicked). */
  onNavigate(path: string): void;
}

export interface ViewDefinition {
  id: string;
  label: string;
  canShow(ctx: ViewContext): boolean;
  component: ComponentType<ViewProps>;
}
