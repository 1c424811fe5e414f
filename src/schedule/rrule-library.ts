// rrule (RFC 5545 recurrence rules), loaded the same way everywhere. Bundlers (wrangler,
// vitest) take its ES module build, which has named exports; plain Node (tsx scripts) cannot
// load that build (its imports have no file extensions) and takes the CommonJS one, whose
// names sit on the default export. Pure JavaScript either way: no I/O, no timers.
//
// Only floating dates are given to it (UTC fields = the row's wall clock); its own time zone
// support (tzid) is never used — wall-clock.ts places each occurrence in the zone.
import * as rruleModule from 'rrule';

type Library = typeof rruleModule;
// Reflect.get, not `.default`: the ES module build has no default export, and a bundler warns
// about a property read it can see.
const library: Library = 'RRule' in rruleModule ? rruleModule : (Reflect.get(rruleModule, 'default') as Library);

export const RRule = library.RRule;
export type RRule = rruleModule.RRule;
export type RRuleOptions = rruleModule.Options;
