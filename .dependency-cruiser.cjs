/**
 * The boundaries between the parts of src/ that `npm run lint` enforces (CONTRIBUTING.md, "Boundaries";
 * docs/architecture.md draws them). Type-only imports count: a type is as much a dependency as a value.
 *
 * - platform/ knows no feature, no ui/, and nothing of the app that assembles it;
 * - ui/ knows no feature;
 * - a feature uses another feature only through that feature's service.ts;
 * - the reporting point (features/reporting/) imports nothing of the back office, and the back office's
 *   cases/ imports nothing of the reporting point: both stand on the case record (features/case-record/),
 *   which imports neither (SecureDrop's source app and journalist app on shared models and crypto);
 * - no import cycles anywhere.
 *
 * The composition roots, the files directly in src/ (app.ts, main.ts and the registries audit-actions.ts,
 * jobs.ts, messages.ts), may import any feature's routes and the small files a feature exposes for the
 * registries (audit-actions.ts, jobs.ts, messages/); nothing but tests imports them. The bureau command
 * (src/cli/) uses features through their service.ts. Tests beside the code of a feature may reach into
 * other features to build their world; tests of platform/ may not (they live in test/ when they need a
 * feature). test/ and bench/ are outside these rules.
 */

/** Features of the back office, which the reporting point must never import. */
const backOffice = [
  '^src/features/cases/',
  '^src/features/admin/',
  '^src/features/assessment/',
  '^src/features/account/',
  '^src/features/figures/manage-routes\\.tsx$',
  '^src/features/figures/views/manage-pages\\.tsx$',
  '^src/features/figures/commands/',
];

const tests = '\\.test\\.tsx?$';

/** The files that assemble the app from its parts (app.ts, main.ts, the registries); config.ts is read by all. */
const compositionRoots = { path: '^src/[^/]+\\.tsx?$', pathNot: '^src/config\\.ts$' };

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      comment: 'Modules that import each other cannot be understood, tested or moved one at a time.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'reporting-not-back-office',
      severity: 'error',
      comment:
        'The reporting point is the only code a reporter reaches; it shares the case record through ' +
        'features/case-record/service.ts and never imports the back office (CONTRIBUTING.md, "Boundaries").',
      from: { path: '^src/features/reporting/', pathNot: tests },
      to: { path: backOffice },
    },
    {
      name: 'cases-not-reporting',
      severity: 'error',
      comment:
        'The back office reads and changes cases through features/case-record/service.ts, never through ' +
        'the reporting point, so the two sides stay apart on one shared core.',
      from: { path: '^src/features/cases/', pathNot: tests },
      to: { path: '^src/features/reporting/' },
    },
    {
      name: 'case-record-beneath-both',
      severity: 'error',
      comment: 'The case record is the core beneath the reporting point and the back office; it imports neither.',
      from: { path: '^src/features/case-record/', pathNot: tests },
      to: { path: ['^src/features/reporting/', '^src/features/cases/'] },
    },
    {
      name: 'feature-through-service',
      severity: 'error',
      comment:
        "A feature uses another feature only through that feature's service.ts, so each feature can change " +
        'its inside without breaking the others (CONTRIBUTING.md, "Boundaries").',
      from: { path: '^src/features/([^/]+)/', pathNot: [tests, '^src/features/[^/]+/schema\\.ts$'] },
      to: {
        path: '^src/features/[^/]+/',
        pathNot: ['^src/features/$1/', '^src/features/[^/]+/service\\.ts$'],
      },
    },
    {
      name: 'schema-through-schema-or-service',
      severity: 'error',
      comment:
        "A table's foreign key may name another feature's table, so a schema.ts may import another feature's " +
        'schema.ts (drizzle-kit reads the schema files alone); nothing else of it.',
      from: { path: '^src/features/([^/]+)/schema\\.ts$' },
      to: {
        path: '^src/features/[^/]+/',
        pathNot: ['^src/features/$1/', '^src/features/[^/]+/(service|schema)\\.ts$'],
      },
    },
    {
      name: 'cli-through-service',
      severity: 'error',
      comment: "The bureau command reaches a feature through its service.ts, as other features do.",
      from: { path: '^src/cli/', pathNot: tests },
      to: { path: '^src/features/[^/]+/', pathNot: '^src/features/[^/]+/service\\.ts$' },
    },
    {
      name: 'platform-knows-no-feature',
      severity: 'error',
      comment:
        'platform/ is the mechanism beneath every feature; what features add (routes, audit actions, jobs, ' +
        'messages, error pages) is passed in by src/app.ts and the registries beside it.',
      from: { path: '^src/platform/' },
      to: { path: ['^src/features/', '^src/ui/', '^src/cli/', compositionRoots.path], pathNot: compositionRoots.pathNot },
    },
    {
      name: 'ui-knows-no-feature',
      severity: 'error',
      comment: 'ui/ holds the layout and components every feature shares; features pass it what to show.',
      from: { path: '^src/ui/' },
      to: { path: ['^src/features/', '^src/cli/', compositionRoots.path], pathNot: compositionRoots.pathNot },
    },
    {
      name: 'features-not-composition-roots',
      severity: 'error',
      comment: 'The app is assembled from the features, never the other way round; a feature reads configuration from config.ts.',
      from: { path: '^src/features/', pathNot: tests },
      to: compositionRoots,
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve is a typo or a missing dependency.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.d\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // Packages are resolved through their "exports" as Node resolves them; our own files by their .ts/.tsx names.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    skipAnalysisNotInRules: true,
  },
};
