// A WorkflowDefinition as the registry hands one over, with the defaults of a plain row; tests
// name only what they are about.
import { DEFAULT_REVIEW_POLICY, type WorkflowDefinition } from '../../src/domain/workflow-definition';

export function definitionOf(overrides: Partial<WorkflowDefinition> = {}): WorkflowDefinition {
  return {
    pageId: 'page-1',
    name: 'Workflow',
    state: 'Active',
    schedule: null,
    timeZone: 'Europe/Paris',
    watchFolder: null,
    rowTrigger: null,
    afterWorkflow: null,
    scheduleAnchor: null,
    reviewer: null,
    reviewPolicy: DEFAULT_REVIEW_POLICY,
    outputFolder: null,
    outputPage: null,
    trialPage: null,
    trialFolder: null,
    humanVersion: null,
    mode: 'Live',
    goal: '',
    steps: [],
    context: [],
    outputTemplate: null,
    lessons: [],
    stepNotes: [],
    people: [],
    learning: 'Automatic',
    contentHash: 'hash-1',
    ...overrides,
  };
}
