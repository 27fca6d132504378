/** Layer rules of ../shared/DESIGN.md, checked in `npm test`: a violation fails the build. */
const frameworks = '^(express|express-openapi-validator|@mikro-orm|bull|ioredis|inversify|passport|passport-[a-z-]+|pg|knex|nodemailer|sharp|swagger-ui-express|helmet|pino-http)($|/)';

/**
 * Which module may use which: the module map of ARCHITECTURE.md, checked. A module uses only the
 * modules listed for it; adding one here is a design decision, not a fix for a failing build.
 * Events flow the same way: a module subscribes only to events of modules it may use.
 */
const moduleDependencies = {
  tenants: [],
  users: ['tenants'],
  content: ['tenants', 'users'],
  messaging: ['tenants', 'users'],
  incidents: ['tenants', 'users', 'content', 'messaging'],
  privacy: ['tenants', 'users', 'content'],
};
const listed = Object.keys(moduleDependencies).join('|');

const moduleDirections = Object.entries(moduleDependencies).map(([name, uses]) => ({
  name: `module-directions-${name}`,
  comment: uses.length ? `${name} uses only ${uses.join(', ')} (ARCHITECTURE.md, module map).` : `${name} uses no other module (ARCHITECTURE.md, module map).`,
  severity: 'error',
  from: { path: `^src/modules/${name}/` },
  to: { path: '^src/modules/[^/]+/', pathNot: `^src/modules/(${[name, ...uses].join('|')})/` },
}));

module.exports = {
  forbidden: [
    ...moduleDirections,
    {
      name: 'module-directions-listed',
      comment: 'A new module states in moduleDependencies which modules it uses before it uses any.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/', pathNot: `^src/modules/(${listed})/` },
      to: { path: '^src/modules/[^/]+/', pathNot: '^src/modules/$1/' },
    },
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
      comment: "A module uses another only through its application layer (its use cases and tokens, not its deps bag) or its published events (domain/events.ts); never its domain, ports, adapters (tables) or http.",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: {
        path: '^src/modules/([^/]+)/',
        pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/application/(?!deps\\.ts$)', '^src/modules/[^/]+/domain/events\\.ts$'],
      },
    },
    {
      name: 'neighbours-are-adapted-at-the-edge',
      comment: "Another module's use cases reach this one through an adapter of its ports (adapters/) bound in module.ts: domain, ports and http never name another module.",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/(domain/|http/|ports\\.ts$)' },
      to: { path: '^src/modules/', pathNot: '^src/modules/$1/' },
    },
    {
      name: 'use-cases-hear-neighbours-only-by-events',
      comment: "A use case reacts to another module's published events; to call one, it asks a port of its own.",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/application/' },
      to: { path: '^src/modules/', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/domain/events\\.ts$'] },
    },
    {
      name: 'adapters-do-not-import-their-application',
      comment: 'An adapter implements ports.ts with domain types; the use cases sit above it, so it never imports them (module.ts wires both).',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/adapters/' },
      to: { path: '^src/modules/$1/application/' },
    },
    {
      name: 'tables-are-their-modules-own',
      comment: "A module's tables (its *.schema.ts) are read through its adapters only; test/unit/module-tables.spec.ts checks the raw SQL the same way.",
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '\\.schema\\.ts$', pathNot: '^src/modules/$1/adapters/' },
    },
    {
      name: 'shared-adapters-know-no-modules',
      comment: 'src/adapters implements platform ports that several modules share; it knows none of them.',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: '^src/modules/' },
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
