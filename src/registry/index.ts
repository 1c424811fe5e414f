// The registry's pure core: Notion Workflows rows ↔ validated workflow definitions.
// (Reading and writing rows is the adapters' job; these functions only take and return data.)
export { buildDefinition, REGISTRY_PARSER_VERSION, type BuildDefinitionOptions, type BuiltDefinition } from './build-definition';
export { parseBody, type BodySections } from './body-sections';
export { MAX_STEPS } from './body-steps';
export { parseContextLine, readContextLine, type ContextLineOptions, type ContextLineReading } from './context-reference';
export { canonicalJson, definitionHash } from './definition-hash';
export { healthText, HEALTH_MAX_CHARS, type HealthTextOptions } from './health-text';
export { dashedId, notionPageUrl, parseDriveUrl, parseNotionUrl, type DriveLink } from './links';
export { readRowProperties, PROPERTY_NAMES, type OutputPageValue, type Reviewer, type RowProperties } from './row-properties';
export { hasErrors, LinkField, LinkFound, RowProblem, rowProblem, SEVERITY, Severity, type RowProblemInput, type RowProblemKind } from './row-problem';
export { quote, rowProblemMessage } from './row-problem-message';
export { SECTION_SYNONYMS, SECTION_TITLES, SectionName, sectionOfHeading } from './section-headings';
export { checkboxValue, parseTriggerPhrase, readTriggers, type TriggerPhrase, type TriggerPhraseReading, type TriggerReading } from './trigger-text';
export { chainProblems, closestNames, findChainLoop, normaliseWorkflowName, sameWorkflowName, type ChainNode } from './chain-loop';
export { peopleNamedInSteps, type StepPeople, type WorkspacePeople, type WorkspacePerson } from './step-people';
export { checkPlan, reviewerNames, type PlanCheck } from './plan-check';
