/**
 * Vite plugin: the page asks for the UI chunk (React and the app shell, imported dynamically by
 * the small entry script) at once, beside the entry script, instead of after the entry has run.
 * A modulepreload only fetches and compiles; the chunk still runs when the entry imports it, after
 * the workers have started.
 */
import type { Plugin } from 'vite';

export function preloadUi(options: { module: string }): Plugin {
  return {
    name: 'preload-ui',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunk = Object.values(ctx.bundle ?? {}).find(
          (c) =>
            c.type === 'chunk' && c.facadeModuleId?.replace(/\\/g, '/').endsWith(options.module),
        );
        if (!chunk || chunk.type !== 'chunk') {
          throw new Error(`preload-ui: no chunk for ${options.module} in the bundle`);
        }
        // Its stylesheet too: the import waits for it before the UI runs.
        const styles = [...(chunk.viteMetadata?.importedCss ?? [])].map((file) => ({
          tag: 'link',
          attrs: { rel: 'preload', as: 'style', crossorigin: '', href: `/${file}` },
          injectTo: 'head' as const,
        }));
        return [
          {
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: '', href: `/${chunk.fileName}` },
            injectTo: 'head' as const,
          },
          ...styles,
        ];
      },
    },
  };
}
