// The script-tag build's default export: the class itself, carrying every other export.
import { describe, expect, it } from 'vitest';
import * as browser from '../../src/index.browser.js';
import iife from '../../src/iife.js';

describe('src/iife.ts', () => {
  it('is the browser SteadySocket class', () => {
    expect(iife).toBe(browser.SteadySocket);
    expect(iife).toBe(browser.default);
  });

  it('carries every runtime export of the browser entry as a static member', () => {
    const names = Object.keys(browser).filter((name) => name !== 'default' && name !== 'SteadySocket');
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) expect([name, (iife as unknown as Record<string, unknown>)[name]]).toEqual([name, browser[name as keyof typeof browser]]);
  });
});
