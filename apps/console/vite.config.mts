// The console's build: one static bundle in apps/console/dist, served by
// `npm start` (apps/console/server). No dev server proxy: the browser talks
// to the gateway directly, which allows the console's origin (CORS).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  // React 17+ JSX without a plugin: the transform is built in.
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // cytoscape is the heaviest piece and only the graph screen needs it.
    chunkSizeWarningLimit: 600,
    reportCompressedSize: true,
  },
});
