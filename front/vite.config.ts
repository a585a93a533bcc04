import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/** What is worth compressing: text. Images and fonts (png, woff2) are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|xml|map)$/;

/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside every text file of the build, at the highest
 * levels: done once here, they cost the server nothing per request (koa-send in
 * cms/src/middlewares/front.ts picks the copy the browser accepts), whereas compressing on the fly
 * at such levels would take longer than sending the bytes saved. Small files are left as they are:
 * below 1 KB the headers outweigh the gain.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'charte-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      const files = fs.readdirSync(outDir, { recursive: true, withFileTypes: true });
      for (const entry of files) {
        // The manifest is read by the cms from disk, never sent.
        if (!entry.isFile() || !COMPRESSIBLE.test(entry.name) || entry.parentPath.endsWith('.vite')) continue;
        const file = path.join(entry.parentPath, entry.name);
        const content = fs.readFileSync(file);
        if (content.length < 1024) continue;
        fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(content, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length } }));
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(content, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  // React's automatic JSX runtime through Vite's own esbuild transform: no extra plugin needed.
  esbuild: { jsx: 'automatic' },
  plugins: [precompress()],
  build: {
    outDir: 'dist',
    sourcemap: false,
    // dist/.vite/manifest.json: which files each page module needs, for the preloads the cms writes
    // into the page it sends (cms/src/middlewares/front.ts).
    manifest: true,
    rollupOptions: {
      output: {
        // React in a chunk of its own: the first load's script travels as two halves in parallel
        // (about 45 KB each in gzip) instead of one, which a phone's link receives sooner.
        manualChunks(id) {
          return /node_modules\/(react|react-dom|scheduler)\//.test(id) ? 'react' : undefined;
        },
      },
      // TanStack Query marks its modules "use client" for React Server Components; meaningless here.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:1337', '/uploads': 'http://localhost:1337' },
  },
});
