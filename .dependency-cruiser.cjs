/** Layer rules of ../shared/DESIGN.md, checked in `npm test`: a violation fails the build. */
const frameworks = '^(express|express-openapi-validator|@mikro-orm|bull|ioredis|inversify|passport|passport-[a-z-]+|pg|knex|nodemailer|sharp|swagger-ui-express|helmet|pino-http)($|/)';

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'Domain code imports no framework, no ORM, no queue, and nothing outside the domain but the shared kernel.',
      severity: 'error',
      from: { path: '^src/modules/[^/]+/domain/' },
      to: {
        pathNot: ['^src/modules/[^/]+/domain/', '^src/platform/domain/', '^src/platform/events/event-bus\\.ts$'],
        dependencyTypesNot: ['core'],
      },
    },
    {
      name: 'application-knows-no-frameworks',
      comment: 'Use cases speak ports and domain, never express, the ORM or a queue library.',
      severity: 'error',
      from: { path: '^src/modules/[^/]+/application/' },
      to: { path: [frameworks, '^src/modules/[^/]+/(adapters|http)/', '^node_modules/(express|@mikro-orm|bull|passport)'] },
    },
    {
      name: 'platform-domain-is-pure',
      severity: 'error',
      from: { path: '^src/platform/domain/' },
      to: { pathNot: '^src/platform/domain/', dependencyTypesNot: ['core'] },
    },
    {
      name: 'modules-meet-through-application-or-events',
      comment: 'A module uses another only through its application layer or its published events.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: {
        path: '^src/modules/([^/]+)/',
        pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/application/', '^src/modules/[^/]+/domain/events\\.ts$'],
      },
    },
    {
      name: 'platform-does-not-know-modules',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/modules/' },
    },
    {
      name: 'http-does-not-reach-adapters',
      comment: 'Handlers call use cases; the container binds adapters.',
      severity: 'error',
      from: { path: '^src/modules/[^/]+/http/' },
      to: { path: '^src/modules/[^/]+/adapters/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.d.ts'] },
    exclude: { path: 'openapi\\.generated\\.ts$' },
  },
};
