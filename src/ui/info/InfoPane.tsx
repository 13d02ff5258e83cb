/**
 * Everything about the selected object. It loads the object's kind, attributes and dataset
 * description, then asks the view registry which views can show it and renders them in order,
 * each inside its own error boundary so one view that fails leaves the others standing.
 */
import { Suspense } from 'react';
import { unwrapString } from '../../nwb/unwrap';
import { useNwbType } from '../data/nwbQueries';
import { ErrorMessage } from '../errors/ErrorMessage';
import { PaneBoundary } from '../errors/PaneBoundary';
import { viewsFor } from '../views/registry';
import { useObjectInfo, type ObjectInfo } from './useObjectInfo';

export interface InfoPaneProps {
  path: string;
  onNavigate(path: string): void;
}

export function InfoPane({ path, onNavigate }: InfoPaneProps) {
  const { info, retry } = useObjectInfo(path);
  return (
    <div className="info-pane" aria-live="polite" aria-busy={info.status === 'loading'}>
      <h2 className="info-pane__path" title={path}>
        {path}
      </h2>
      {info.status === 'loading' && (
        <p className="muted">
          <span className="spinner spinner--small" /> Reading…
        </p>
      )}
      {info.status === 'missing' && (
        <p className="notice">
          Nothing is at this path (a broken link, or an object that does not exist).
        </p>
      )}
      {info.status === 'error' && (
        <ErrorMessage error={info.error} context={`Could not read ${path}`} onRetry={retry} />
      )}
      {info.status === 'loaded' && (
        <LoadedInfo key={path} path={path} info={info} onNavigate={onNavigate} />
      )}
    </div>
  );
}

function LoadedInfo({
  path,
  info,
  onNavigate,
}: InfoPaneProps & { info: Extract<ObjectInfo, { status: 'loaded' }> }) {
  const neurodataType =
    unwrapString(info.attributes.find((a) => a.name === 'neurodata_type')?.value) ?? undefined;
  const dataset = info.dataset ?? undefined;
  // The type with its ancestry; until it resolves (or if it cannot), views see the name only.
  const typeQuery = useNwbType(path);
  const nwbType = typeQuery.status === 'ok' ? (typeQuery.data ?? undefined) : undefined;
  const shown = viewsFor({ neurodataType, nwbType, kind: info.kind, info: dataset });
  return (
    <>
      <p className="info-pane__kind">
        {info.kind}
        {neurodataType && (
          <span
            className="tree-node__type"
            title={
              nwbType && nwbType.ancestry.length > 1 ? nwbType.ancestry.join(' → ') : undefined
            }
          >
            {neurodataType}
          </span>
        )}
      </p>
      {shown.map((view) => {
        const View = view.component;
        return (
          <PaneBoundary key={view.id} context={`The ${view.label} view failed`}>
            <Suspense fallback={<ViewLoading label={view.label} />}>
              <View
                path={path}
                kind={info.kind}
                attributes={info.attributes}
                info={dataset}
                neurodataType={neurodataType}
                onNavigate={onNavigate}
              />
            </Suspense>
          </PaneBoundary>
        );
      })}
    </>
  );
}

/** A view whose code is still loading (views/lazyView.tsx). */
function ViewLoading({ label }: { label: string }) {
  return (
    <p className="muted">
      <span className="spinner spinner--small" /> Loading the {label} view…
    </p>
  );
}
