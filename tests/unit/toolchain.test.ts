import { describe, expect, it } from 'vitest';
import pkg from '../../package.json';

describe('toolchain', () => {
  it('runs the npm scripts under the Node 22 the project pins, whatever Node started npm', () => {
    expect(process.versions.node.split('.')[0]).toBe('22');
    expect(pkg.devDependencies.node.split('.')[0]).toBe('22');
  });
});
