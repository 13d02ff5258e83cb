import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ExplorerError } from '../../errors';
import { ErrorMessage } from './ErrorMessage';
import { ReopenFileContext } from './ReopenFileContext';

const changed = new ExplorerError('changed', 'session.nwb changed on the server.');
const render = (reopen: (() => void) | null) =>
  renderToStaticMarkup(
    createElement(
      ReopenFileContext.Provider,
      { value: reopen },
      createElement(ErrorMessage, { error: changed, onRetry: () => undefined }),
    ),
  );

describe('ErrorMessage', () => {
  it('offers the new version of a changed file where the app can reopen it', () => {
    expect(render(() => undefined)).toContain('Load the new version');
  });

  it('falls back to its own retry elsewhere', () => {
    const html = render(null);
    expect(html).toContain('>Reopen<');
    expect(html).not.toContain('Load the new version');
  });
});
