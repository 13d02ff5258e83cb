/**
 * The file's NWB identity under the title: version, identifier, session, start time; or a plain
 * notice when the file is HDF5 but not NWB, or NWB 1.x.
 */
import { describeNwbFile } from '../../nwb/describeNwbFile';
import { useReaderQuery } from '../data/useReaderQuery';
import { ErrorMessage } from '../errors/ErrorMessage';

export function NwbHeader() {
  const state = useReaderQuery('nwb-header', (reader, signal) =>
    describeNwbFile(reader, { signal }),
  );
  if (state.status === 'loading' || state.status === 'idle')
    return <div className="nwb-header muted">Reading file header…</div>;
  if (state.status === 'error') {
    return (
      <div className="nwb-header">
        <ErrorMessage error={state.error} context="Could not read the file header" inline />
      </div>
    );
  }
  const nwb = state.data;
  if (!nwb.isNwb) {
    return (
      <div className="nwb-header">
        <p className="notice" role="status">
          This HDF5 file is not an NWB file; showing it as plain HDF5.
        </p>
      </div>
    );
  }
  return (
    <div className="nwb-header" aria-label="NWB file summary">
      {nwb.legacy && (
        <p className="notice" role="status">
          NWB 1.x (legacy) file: shown with limited support.
        </p>
      )}
      <dl className="nwb-header__fields">
        <div>
          <dt>NWB</dt>
          <dd>{nwb.nwbVersion}</dd>
        </div>
        {nwb.identifier && (
          <div>
            <dt>Identifier</dt>
            <dd>{nwb.identifier}</dd>
          </div>
        )}
        {nwb.sessionStartTime && (
          <div>
            <dt>Session start</dt>
            <dd>{formatStartTime(nwb.sessionStartTime)}</dd>
          </div>
        )}
        {nwb.sessionDescription && (
          <div className="nwb-header__description">
            <dt>Session</dt>
            <dd title={nwb.sessionDescription}>{nwb.sessionDescription}</dd>
          </div>
        )}
      </dl>
    </div>
  );
}

/** ISO timestamps shown as written, but readable: "2018-12-02 15:30:00 -08:00". */
function formatStartTime(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/.exec(
    iso.trim(),
  );
  if (!m) return iso;
  return `${m[1]} ${m[2]}${m[3] ? ' ' + (m[3] === 'Z' ? 'UTC' : m[3]) : ''}`;
}
