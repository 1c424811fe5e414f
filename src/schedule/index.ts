// Baton's schedules: a row's Schedule (cron or plain language) and Time zone in, due slots
// out. Pure: no I/O, no clock — every instant, and the date a skipping schedule counts from,
// is passed in.
export type { CronSchedule, ParseScheduleOptions, ParseScheduleResult, RecurrenceSchedule, Schedule, ScheduleProblem } from './types';
export { parseSchedule } from './parse-schedule';
export { DEFAULT_SLOT_LIMIT, dueSlots, latestDueSlot, nextRun, shortestInterval } from './slots';
export { MAX_SCHEDULE_CHARS } from './parse-schedule';
export { formatSlot } from './format-slot';
export { scheduleProblemMessage } from './problem-message';
export { readTimeZone } from './time-zone';
