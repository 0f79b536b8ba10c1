import { defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';

const THEME_COLOUR = '#1f3a5f';

/**
 * `@vigie/domain` also exports zod schemas, built at module load. The web shell only
 * needs its types and constants; marking the package side-effect free lets Rollup drop
 * the schemas (and zod, ~15 KB gzipped) when nothing here uses them.
 */
function domainWithoutSideEffects(): Plugin {
  return {
    name: 'vigie:domain-side-effect-free',
    transform(_code, id) {
      if (id.includes('/packages/domain/src/')) return { code: _code, map: null, moduleSideEffects: false };
      return null;
    },
  };
}

export default defineConfig({
  plugins: [
    domainWithoutSideEffects(),
    preact(),
    VitePWA({
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
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    proxy: {
      '/api': { target: process.env.VIGIE_API_URL ?? 'http://localhost:3000', changeOrigin: false },
    },
  },
});
