// Virtual modules made by scripts/build.mjs (plugin `webSuites`): each imports a set of mocha suite files.
/** test/integration/*.test.ts (except *.node.test.ts) and test/web/*.test.ts. */
declare module 'tsn:web-suites' {}
/** test/integration/untrusted/*.test.ts and test/web/*.test.ts. */
declare module 'tsn:untrusted-suites' {}
