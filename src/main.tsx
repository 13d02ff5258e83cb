// First, for its side effect: the workers start (and a link's file and file view start loading)
// before the rest of the app is evaluated.
import './app/startEarly';
import './ui/app.css';
import { renderApp } from './app/renderApp';
import { keepViewSnapshot } from './app/keepViewSnapshot';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
renderApp(root);
// A link's view, once settled, is kept for the next visit to paint at once (index.html).
keepViewSnapshot(root);
