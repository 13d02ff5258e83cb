/**
 * What to read across: a dandiset (a folder, a glob), URLs pasted one per line, or local files
 * (a dropped or picked folder, or several files), read in place and never uploaded.
 */
import { useState } from 'react';
import type { AppLocation } from '../../links/location';
import { DropZone } from '../open/DropZone';
import { localSources, type NamedSource } from './listFiles';

export function AcrossSourceForm(props: {
  onChoose(location: AppLocation): void;
  onLocal(sources: NamedSource[]): void;
}) {
  const [dandiset, setDandiset] = useState('');
  const [folder, setFolder] = useState('');
  const [glob, setGlob] = useState('');
  const [urls, setUrls] = useState('');
  const [localProblem, setLocalProblem] = useState<string | null>(null);
  return (
    <div className="across">
      <h1>Across files</h1>
      <form
        className="across__source"
        onSubmit={(event) => {
          event.preventDefault();
          const list = urls
            .split(/\s+/)
            .map((u) => u.trim())
            .filter(Boolean);
          if (dandiset.trim())
            props.onChoose({
              view: 'across',
              dandiset: dandiset.trim(),
              ...(folder.trim() ? { folder: folder.trim() } : {}),
              ...(glob.trim() ? { glob: glob.trim() } : {}),
            });
          else if (list.length > 0) props.onChoose({ view: 'across', urls: list });
        }}
      >
        <label>
          Dandiset <input value={dandiset} onChange={(e) => setDandiset(e.target.value)} />
        </label>
        <label>
          Folder <input value={folder} onChange={(e) => setFolder(e.target.value)} />
        </label>
        <label>
          Glob <input value={glob} placeholder="*.nwb" onChange={(e) => setGlob(e.target.value)} />
        </label>
        <label>
          or URLs, one per line
          <textarea rows={5} value={urls} onChange={(e) => setUrls(e.target.value)} />
        </label>
        <button type="submit">Read</button>
      </form>
      <div className="across__local">
        <DropZone
          prompt="or drop a folder of NWB files here (or several files)"
          onFiles={(collected) => {
            const sources = localSources(collected);
            if (sources.length === 0) {
              setLocalProblem(
                `No NWB file among the ${collected.length} dropped (names ending .nwb, .h5, .hdf5).`,
              );
              return;
            }
            setLocalProblem(null);
            props.onLocal(sources);
          }}
        />
        {localProblem && <p role="alert">{localProblem}</p>}
      </div>
    </div>
  );
}
