/**
 * Vite plugin: writes the opening screen into the built index.html as static HTML
 * (src/app/openScreenShell.tsx renders the real component at build time), so the home page paints
 * it as soon as the page arrives; without it the screen waits for the app's script and React,
 * which on a busy two-core machine is 0.6-0.9 s. It is put on the page only when the address
 * names no other view (a file, a dandiset, ...), so a link never flashes the wrong screen.
 * The app replaces it when it starts (src/app/shellHandOver.ts). Build only: in development the
 * app renders the screen itself, as before.
 */
import { createServer, type Plugin } from 'vite';

interface ShellModule {
  openScreenShellHtml(): string;
  viewKeys: readonly string[];
  SHELL_SELECTOR: string;
}

export function openScreenShell(options: { module: string }): Plugin {
  return {
    name: 'open-screen-shell',
    apply: 'build',
    async transformIndexHtml(html) {
      const shell = await loadShell(options.module);
      const marker = '<div id="root"></div>';
      if (!html.includes(marker)) throw new Error(`open-screen-shell: index.html has no ${marker}`);
      // Put on the page only when no view key is set: the same test as parseUrlState's
      // (src/links/urlState.ts). Held in a template until then, so a link to a file never has it,
      // not even for a frame. A form sent before the app started is held, and sent again by the
      // app (shellHandOver.ts).
      const selector = JSON.stringify(shell.SHELL_SELECTOR);
      const stamp =
        `<script>(function(){var t=document.getElementById('open-screen-shell');` +
        `var q=new URLSearchParams(location.search);t.remove();` +
        `if(${JSON.stringify(shell.viewKeys)}.some(function(k){return q.get(k)}))return;` +
        `document.getElementById('root').append(t.content);` +
        `document.addEventListener('submit',function(e){var f=e.target;` +
        `if(f.closest&&f.closest(${selector})){e.preventDefault();window.__nwbeShellSubmitted=f}},true)` +
        `})()</script>`;
      return html.replace(
        marker,
        `${marker}
    <template id="open-screen-shell">${shell.openScreenShellHtml()}</template>
    ${stamp}`,
      );
    },
  };
}

/** The shell's module, run in Node through a short-lived Vite server (TSX, the app's imports). */
async function loadShell(module: string): Promise<ShellModule> {
  const server = await createServer({
    configFile: false,
    logLevel: 'error',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  try {
    return (await server.ssrLoadModule(module)) as unknown as ShellModule;
  } finally {
    await server.close();
  }
}
