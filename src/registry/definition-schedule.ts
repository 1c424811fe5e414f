// A cached definition's schedule, read the way the registry read it when the row was checked:
// with the row's time zone and the date a skipping schedule counts from. Admission and the
// Next run written after a publish both use this, so neither can disagree with Health.
import { parseSchedule, type Schedule } from '../schedule';
import type { WorkflowDefinition } from '../domain/workflow-definition';

export function definitionSchedule(definition: Pick<WorkflowDefinition, 'schedule' | 'timeZone' | 'scheduleAnchor'>): Schedule | null {
  if (!definition.schedule) return null;
  const parsed = parseSchedule(definition.schedule, definition.timeZone, definition.scheduleAnchor ? { anchor: definition.scheduleAnchor } : {});
  return parsed.ok ? parsed.schedule : null;
}
