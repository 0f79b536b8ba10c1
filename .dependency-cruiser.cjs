/**
 * The dependency rules of docs/ARCHITECTURE.md, checked in CI (`npm run lint:deps`).
 * Dependencies point inward: routes → service → queries → db; platform never imports a module;
 * domain imports nothing of ours and no Node API; the web app never imports the server.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'packages/domain is pure TypeScript: no Node API, no app code, only zod from npm.',
      severity: 'error',
      from: { path: '^packages/domain/src' },
      to: { pathNot: ['^packages/domain/src', 'node_modules/zod/', 'node_modules/vitest/', 'node_modules/fast-check/', 'node_modules/@vitest/'] },
    },
    {
      name: 'domain-no-node-builtins',
      severity: 'error',
      from: { path: '^packages/domain/src' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'web-never-imports-server',
      severity: 'error',
      from: { path: '^apps/web' },
      to: { path: '^apps/server' },
    },
    {
      name: 'server-never-imports-web',
      severity: 'error',
      from: { path: '^apps/server' },
      to: { path: '^apps/web' },
    },
    {
      name: 'platform-never-imports-modules',
      comment: 'platform/ is infrastructure shared by every module; it must not know any of them.',
      severity: 'error',
      from: { path: '^apps/server/src/platform' },
      to: { path: '^apps/server/src/modules' },
    },
    {
      name: 'queries-hold-no-use-cases',
      comment: 'SQL files take a db handle and return rows: they call no service and no route.',
      severity: 'error',
      from: { path: '\\.queries\\.ts$' },
      to: { path: '(\\.service\\.ts|\\.routes\\.ts)$' },
    },
    {
      name: 'services-do-not-import-routes',
      severity: 'error',
      from: { path: '^apps/server/src/modules', pathNot: '\\.routes\\.ts$|\\.test\\.ts$' },
      to: { path: '\\.routes\\.ts$' },
    },
    {
      name: 'routes-never-import-queries',
      comment: 'Routes are thin: they call a service (or use-case file), which calls the queries.',
      severity: 'error',
      from: { path: '\\.routes\\.ts$' },
      to: { path: '\\.queries\\.ts$' },
    },
    {
      name: 'no-foreign-queries',
      comment: 'One module owns its tables: another module calls its service, never its queries.',
      severity: 'error',
      from: { path: '^apps/server/src/modules/([^/]+/[^/]+)/' },
      to: { path: '^apps/server/src/modules/[^/]+/[^/]+/[^/]+\\.queries\\.ts$', pathNot: '^apps/server/src/modules/$1/' },
    },
    {
      name: 'packages-do-not-import-apps',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules|\\.cache)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
