/**
 * What each operation answers, as joi schemas the API document is generated from (components by
 * `meta({ ref })`). The server does not validate its own responses at run time; the HTTP test suites
 * check every response they receive against the document instead (ResponseConformance), so a field
 * added, dropped or retyped without the document changing fails the build.
 */
export { pageOf } from './responses/schema-kit.js';
export * from './responses/users.js';
export * from './responses/messages.js';
export * from './responses/conversations.js';
export * from './responses/operations.js';
