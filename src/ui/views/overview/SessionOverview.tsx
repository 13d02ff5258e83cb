/**
 * The session at a glance, shown for the file's root: who, what and when, then every data object
 * grouped by kind, each one click from its own view. Reads only metadata (describeSession).
 */
import { describeSession, OBJECT_GROUPS, type SessionObject } from '../../../nwb/overview';
import { useReaderQuery } from '../../data/useReaderQuery';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { formatBytes, formatCount } from '../../format/bytes';
import type { ViewProps } from '../types';
import './overview.css';

export function SessionOverview({ onNavigate }: Pick<ViewProps, 'onNavigate'>) {
  const query = useReaderQuery('nwb-session-overview', (reader, signal) =>
    describeSession(reader, { signal }),
  );
  if (query.status === 'loading' || query.status === 'idle') {
    return (
      <p className="muted">
        <span className="spinner spinner--small" /> Reading the session…
      </p>
    );
  }
  if (query.status === 'error') {
    return (
      <ErrorMessage
        error={query.error}
        context="Could not read the session"
        onRetry={query.retry}
      />
    );
  }
  const session = query.data;
  const { file } = session;
  const people: [string, string][] = [
    ['Identifier', file.identifier ?? ''],
    ['Session', file.sessionDescription ?? ''],
    ['Start', file.sessionStartTime ?? ''],
    ...session.fields.map(([label, values]): [string, string] => [label, values.join('; ')]),
  ];
  const lists: [string, string[]][] = [
    ['Devices', session.devices],
    ['Electrode groups', session.electrodeGroups],
    ['Imaging planes', session.imagingPlanes],
  ];
  return (
    <section className="session-overview" aria-label="Session overview">
      <h3>Session</h3>
      <dl className="session-overview__facts">
        {people
          .filter(([, value]) => value !== '')
          .map(([label, value]) => (
            <div key={label} className={factClass(value)}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        {session.subject.length > 0 && (
          <div className="session-overview__fact--wide">
            <dt>Subject</dt>
            <dd>{session.subject.map(([k, v]) => `${k.replace('_', ' ')}: ${v}`).join(', ')}</dd>
          </div>
        )}
        {lists
          .filter(([, names]) => names.length > 0)
          .map(([label, names]) => (
            <div key={label} className={factClass(names.join(', '))}>
              <dt>{label}</dt>
              <dd>{names.join(', ')}</dd>
            </div>
          ))}
      </dl>
      {OBJECT_GROUPS.map((group) => {
        const objects = session.objects.filter((o) => o.group === group);
        if (objects.length === 0) return null;
        return (
          <section key={group} className="session-overview__group" aria-label={group}>
            <h3>
              {group} <span className="muted">({objects.length})</span>
            </h3>
            <table className="session-overview__objects">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Type</th>
                  <th>Shape</th>
                  <th>Duration</th>
                  <th>Size</th>
                </tr>
              </thead>
              <tbody>
                {objects.map((o) => (
                  <ObjectRow key={o.path} object={o} onNavigate={onNavigate} />
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
      {session.objects.length === 0 && <p className="muted">No data objects with an NWB type.</p>}
    </section>
  );
}

function ObjectRow({ object, onNavigate }: { object: SessionObject; onNavigate(p: string): void }) {
  return (
    <tr>
      <td>
        <button
          type="button"
          className="link-button"
          title={object.path}
          onClick={() => onNavigate(object.path)}
        >
          {object.path}
        </button>
      </td>
      <td title={object.type.ancestry.join(' → ')}>{object.type.name}</td>
      <td>
        {object.rows !== null
          ? `${formatCount(object.rows)} ${object.rows === 1 ? 'row' : 'rows'}`
          : object.shape
            ? object.shape.map((n) => formatCount(n)).join(' × ') || 'scalar'
            : ''}
      </td>
      <td>{object.durationSeconds !== null ? formatDuration(object.durationSeconds) : ''}</td>
      <td>{object.storedBytes !== null ? formatBytes(object.storedBytes) : ''}</td>
    </tr>
  );
}

/** Long values (an experiment's description, keywords) take a whole row of the grid. */
function factClass(value: string): string | undefined {
  return value.length > 48 ? 'session-overview__fact--wide' : undefined;
}

function formatDuration(seconds: number): string {
  if (seconds < 120) return `${seconds.toPrecision(3)} s`;
  if (seconds < 7200) return `${(seconds / 60).toFixed(1)} min`;
  return `${(seconds / 3600).toFixed(2)} h`;
}
