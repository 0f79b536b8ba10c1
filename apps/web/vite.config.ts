import { defineConfig, type PluginOption } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';

const THEME_COLOUR = '#1f3a5f';

/**
 * The plugins resolve `vite` from the workspace root, where vitest pulls in a newer major
 * than this app builds with; their runtime API is the same but the types are not, hence the
 * casts. Remove them once the root and this app share one vite.
 */
const asPlugin = (plugin: unknown) => plugin as PluginOption;

export default defineConfig({
  plugins: [
    asPlugin(preact()),
    asPlugin(VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script-defer',
      includeAssets: ['icon.svg', 'icon-maskable.svg'],
      manifest: {
        name: 'Vigie',
        short_name: 'Vigie',
        description:
          'Vigie, l’outil des observatoires des droits humains aux frontières : observations de terrain, suivi juridique, communication et vie associative.',
        lang: 'fr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: THEME_COLOUR,
        icons: [
          { src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
          { src: '/icon-maskable.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,webmanifest}'],
        navigateFallback: 'index.html',
        // The API is never answered by the service worker: API responses hold personal data
        // about observers and exiled people and must not linger in a cache on a seizable phone.
        navigateFallbackDenylist: [/^\/api\//],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    })),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // dist/.vite/manifest.json: which chunks each screen loads (the bench measures the capture route's).
    manifest: true,
    target: 'es2022',
    rollupOptions: {
      onwarn(warning, warn) {
        // @vigie/domain's schemas pull zod into the module graph; Rollup tree-shakes it out of the
        // bundle (only types and constants are used here) but first warns about zod's comments.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/node_modules/zod/')) return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: process.env.VIGIE_API_URL ?? 'http://localhost:3000', changeOrigin: false },
    },
  },
});
