import { defineConfig } from 'vite';

export default defineConfig({
  // React's automatic JSX runtime through Vite's own esbuild transform: no extra plugin needed.
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    sourcemap: false,
    rollupOptions: {
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
