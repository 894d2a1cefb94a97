// What the packed tarball holds and says about itself: the license it names, source maps that
// carry their sources (the package ships no src/), and where the project lives.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';

const run = promisify(execFile);
let files: string[];
let dir: string;

beforeAll(async () => {
  const tarball = inject('tarball');
  dir = join(tarball, '..', 'unpacked');
  await run('mkdir', ['-p', dir]);
  await run('tar', ['-xzf', tarball, '-C', dir]);
  files = (await run('tar', ['-tzf', tarball])).stdout.trim().split('\n').map((file) => file.replace(/^package\//, ''));
});

describe('the packed tarball', () => {
  it('ships the MIT LICENSE that package.json names, and no source tree', () => {
    expect(files).toContain('LICENSE');
    expect(readFileSync(join(dir, 'package/LICENSE'), 'utf8')).toMatch(/^MIT License/);
    expect(JSON.parse(readFileSync(join(dir, 'package/package.json'), 'utf8')).license).toBe('MIT');
    expect(files.filter((file) => file.startsWith('src/') || file.startsWith('test/'))).toEqual([]);
  });

  it('every source map embeds the content of every source it names', () => {
    const maps = files.filter((file) => file.endsWith('.js.map') || file.endsWith('.cjs.map'));
    expect(maps.length).toBeGreaterThanOrEqual(4);
    for (const map of maps) {
      const { sources, sourcesContent } = JSON.parse(readFileSync(join(dir, 'package', map), 'utf8')) as { sources: string[]; sourcesContent?: Array<string | null> };
      expect(sourcesContent?.filter((content) => typeof content === 'string' && content.length > 0).length, map).toBe(sources.length);
    }
  });

  it('says where the project lives: repository, bugs, homepage', () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'package/package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest.repository).toMatchObject({ type: 'git', url: expect.stringMatching(/^git\+https:\/\/github\.com\/.+\.git$/) });
    expect(manifest.bugs).toMatchObject({ url: expect.stringMatching(/^https:\/\//) });
    expect(manifest.homepage).toMatch(/^https:\/\//);
  });
});
