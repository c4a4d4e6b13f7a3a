// Vite build and dev server for the browser UI; the API runs on :3000 and is proxied in development.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.STEMME_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/healthz': { target: api },
      '/readyz': { target: api },
    },
  },
});
