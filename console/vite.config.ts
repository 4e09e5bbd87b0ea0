import vue from '@vitejs/plugin-vue';
import { defineConfig, type Plugin } from 'vite';
import { mockApiPlugin } from './mock/mock-api-plugin.ts';

/** Vant's icon font is inlined as woff2; its fallback would fetch from a CDN, which the console's CSP forbids anyway. */
function withoutRemoteFonts(): Plugin {
  return {
    name: 'console-without-remote-fonts',
    transform(code, id) {
      if (!id.endsWith('.css') || !code.includes('alicdn.com')) return null;
      return { code: code.replace(/,\s*url\((?:https?:)?\/\/at\.alicdn\.com\/[^)]*\)\s*format\("woff"\)/g, ''), map: null };
    },
  };
}

/** The console app: built into `console/dist`, served under `/console/`. The mock API exists in `vite` (dev) only. */
export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  plugins: [vue(), withoutRemoteFonts(), mockApiPlugin()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 700,
    manifest: true,
  },
  server: { port: 5173 },
});
