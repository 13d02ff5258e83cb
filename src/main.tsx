// First, for its side effect: the workers start (and a link's file starts loading) before the rest
// of the app is evaluated.
import './app/startEarly';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './ui/app.css';
import { mark } from './perf/marks';
import { registerAppShell } from './offline/registerAppShell';

mark('app-render');
registerAppShell();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
