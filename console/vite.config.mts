import { defineConfig } from 'vite';

/**
 * The admin console, served by the API under /admin (api/console-static.ts). Built into console/dist by the
 * project's setup step (scripts/setup.sh) and by `npm run build`; nothing here runs in production but its output.
 * JSX goes through Vite's own transform (React's automatic runtime); there is no dev server in the workflow, so
 * no Fast Refresh plugin is needed.
 */
export default defineConfig({
  base: '/admin/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      // React Router marks its modules "use client" for React Server Components, which a plain SPA does not use.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
