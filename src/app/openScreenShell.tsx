/**
 * The opening screen as static HTML, written into index.html at build time
 * (scripts/vite-open-screen-shell.js), so a visit to the home page paints it as soon as the page
 * itself has arrived, before any script runs. It is the real OpenScreen, rendered with nothing
 * remembered and no handlers; the app replaces it when it starts (shellHandOver.ts carries over
 * what was typed into it). Runs in Node at build time only: nothing in the app imports it.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { OpenScreen } from '../ui/open/OpenScreen';
import { VIEW_KEYS } from '../links/urlState';
import { SHELL_ATTRIBUTE, SHELL_SELECTOR } from './shellHandOver';

const nothing = () => {};

export function openScreenShellHtml(): string {
  return renderToStaticMarkup(
    <div className="app" {...{ [SHELL_ATTRIBUTE]: '' }}>
      <div className="app__body">
        <OpenScreen
          onNavigate={nothing}
          onOpenLocal={nothing}
          onOpenFolder={nothing}
          onS3Keys={nothing}
          remembered={null}
          onForget={nothing}
          settings={{}}
          canRemember
        />
      </div>
    </div>,
  );
}

/**
 * The query keys that name a view other than the opening screen (parseUrlState): the page shows
 * the static screen only when none is set.
 */
export const viewKeys: readonly string[] = VIEW_KEYS;

export { SHELL_SELECTOR };
