/**
 * The UI: React and the app shell, loaded by main.tsx after the workers have started, so the
 * entry script the page waits for carries only what starts them.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './ui/app.css';
import { mark } from './perf/marks';

mark('app-render');

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
