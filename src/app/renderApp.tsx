/**
 * Puts the app on the page. A home page already shows index.html's static opening screen
 * (openScreenShell.tsx); the app's first render replaces it, and is made at once so that what was
 * typed into it meanwhile is carried over before anything else can be typed.
 */
import { StrictMode } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { mark } from '../perf/marks';
import { registerAppShell } from '../offline/registerAppShell';
import { takeShell } from './shellHandOver';

export function renderApp(root: HTMLElement): void {
  mark('app-render');
  registerAppShell();
  const shell = takeShell(root);
  const reactRoot = createRoot(root);
  const render = () =>
    reactRoot.render(
      <StrictMode>
        <App />
      </StrictMode>,
    );
  if (!shell) return render();
  flushSync(render);
  shell.apply(root);
}
