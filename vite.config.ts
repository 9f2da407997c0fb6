import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

// The renderer: the console (index.html) and the benchmark pages that drive its views in Chromium.
export default defineConfig({
  root: resolve(here, 'renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(here, 'dist/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2_000,
    rollupOptions: {
      input: {
        'bench-board': resolve(here, 'renderer/bench/board.html'),
      },
    },
  },
  server: { host: '127.0.0.1', strictPort: false },
});
