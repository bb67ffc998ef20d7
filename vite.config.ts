import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The dashboard lives in web/; `npm run dev` serves it here and forwards the API to `npm run dev:api`.
const api = process.env.LECTERN_API_URL ?? 'http://127.0.0.1:3000';
const proxied = ['/api', '/ws', '/docs', '/openapi.json', '/health', '/ready'];

export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: {
    port: 5173,
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: api, ws: path === '/ws' }])),
  },
});
