import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

// The renderer: the console (index.html) and the benchmark pages that drive its views in Chromium. Built into
// dist/renderer, which Electron serves as app://console/ and the web host over HTTP; absolute asset paths keep app
// routes (served the page by both) loading their bundles.
export default defineConfig({
  root: resolve(here, 'renderer'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: resolve(here, 'dist/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 2_000,
    rollupOptions: {
      input: {
        index: resolve(here, 'renderer/index.html'),
        'bench-board': resolve(here, 'renderer/bench/board.html'),
        'bench-map': resolve(here, 'renderer/bench/map.html'),
      },
      onwarn(warning, warn) {
        // zod explains its own pure annotations in comments Rollup cannot place; harmless.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules/zod/')) return;
        warn(warning);
      },
    },
  },
  server: { host: '127.0.0.1', strictPort: false },
});
