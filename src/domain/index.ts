export * from './plan';
export * from './run';
export * from './run-status';
export * from './workflow-definition';
