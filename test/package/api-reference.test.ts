// The API reference (`npm run docs`, TypeDoc): converted once from typedoc.json without rendering,
// it must pass TypeDoc's validation (every public member documented, no broken link, nothing
// referenced that is not exported), open on the README, name its modules after the package,
// and never send the reader to an internal type for what a class inherits.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Application, Comment, DeclarationReflection, ProjectReflection, ReferenceType, ReflectionKind, type SomeType } from 'typedoc';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

let app: Application;
let project: ProjectReflection;

beforeAll(async () => {
  app = await Application.bootstrapWithPlugins({ options: `${root}typedoc.json` });
  const converted = await app.convert();
  if (!converted) throw new Error('TypeDoc could not convert the entry points');
  project = converted;
  app.validate(project);
}, 180_000);

/** Names of the types declared anywhere in src/ (exported or not). */
function typesDeclaredInSource(): Set<string> {
  const names = new Set<string>();
  const files = readdirSync(`${root}src`, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'));
  for (const file of files) {
    for (const match of readFileSync(`${root}src/${file}`, 'utf8').matchAll(/\b(?:class|interface|type)\s+([A-Z]\w*)/g)) names.add(match[1]!);
  }
  return names;
}

/** What the page of a class or interface cites for its members and its hierarchy. */
function citedTypes(owner: DeclarationReflection): ReferenceType[] {
  const cited: ReferenceType[] = [];
  const add = (type: SomeType | undefined) => {
    if (type instanceof ReferenceType) cited.push(type);
  };
  for (const type of owner.extendedTypes ?? []) add(type);
  for (const member of owner.children ?? []) {
    for (const target of [member, ...member.getAllSignatures()]) {
      add(target.inheritedFrom);
      add(target.overwrites);
    }
  }
  return cited;
}

describe('API reference', () => {
  it('passes TypeDoc validation with warnings as errors: every public member documented, links and exports complete', () => {
    expect(app.options.getValue('treatWarningsAsErrors')).toBe(true);
    expect(app.options.getValue('validation')).toMatchObject({ notDocumented: true, invalidLink: true, notExported: true });
    expect(app.logger.hasWarnings()).toBe(false);
    expect(app.logger.hasErrors()).toBe(false);
  });

  it('opens on the README', () => {
    expect(Comment.combineDisplayParts(project.readme).trim()).toBe(readFileSync(`${root}README.md`, 'utf8').trim());
  });

  it('names its modules after the package, one per build', () => {
    expect(project.children?.map((module) => module.name)).toEqual(['steadysocket', 'steadysocket (Node)']);
    const [browser, node] = project.children!;
    for (const module of [browser!, node!]) {
      expect(module.getChildByName('SteadySocket')?.kind).toBe(ReflectionKind.Class);
      expect(module.getChildByName('WebSocketStream')?.kind).toBe(ReflectionKind.Class);
    }
    expect(browser!.getChildByName(['SteadySocket', 'ping'])).toBeUndefined();
    expect(node!.getChildByName(['SteadySocket', 'ping'])?.kind).toBe(ReflectionKind.Method);
  });

  it('cites no internal type for inherited members, overrides or the hierarchy', () => {
    const internal = typesDeclaredInSource();
    // A sanity check of the scan itself: the internal base classes are found.
    expect(internal).toContain('WebSocketStreamBase');
    expect(internal).toContain('SteadySocketStatics');
    const offending: string[] = [];
    for (const owner of project.getReflectionsByKind(ReflectionKind.ClassOrInterface)) {
      if (!(owner instanceof DeclarationReflection)) continue;
      for (const reference of citedTypes(owner)) {
        if (reference.reflection) continue;
        // An unresolved reference is named `Type.member` or `Type<Args>.member`.
        const type = reference.name.replace(/[.<].*/s, '');
        if (internal.has(type)) offending.push(`${owner.getFullName()}: ${reference.name}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it('shows the members of WebSocketStream and SteadySocket as their own', () => {
    for (const module of project.children!) {
      for (const name of ['SteadySocket', 'WebSocketStream']) {
        const cls = module.getChildByName(name) as DeclarationReflection;
        expect(cls.extendedTypes).toBeUndefined();
        const inherited = (cls.children ?? []).filter((member) => member.flags.isInherited || member.inheritedFrom);
        expect(inherited.map((member) => member.name)).toEqual([]);
      }
    }
  });

  it('the landing page (the README) links nothing outside the repository', () => {
    // markdown-it's linkify would make a bare file name such as CHANGELOG.md a link to a host
    // (.md is a top-level domain): only written links are links.
    expect(app.options.getValue('markdownItOptions')).toMatchObject({ linkify: false });
    // Outside fenced code and code spans (which may wrap a line), a URL is a link: GitHub and
    // TypeDoc both linkify.
    const prose = readFileSync(`${root}README.md`, 'utf8')
      .replace(/^```[\s\S]*?^```/gm, '')
      .replace(/`[^`]*`/g, '');
    expect(prose.match(/[a-z][a-z0-9+.-]*:\/\/\S+/gi) ?? []).toEqual([]);
    const targets = [...prose.matchAll(/\]\(([^)\s]+)/g)].map((match) => match[1]!);
    expect(targets.filter((target) => !target.startsWith('#') && !existsSync(`${root}${target.replace(/#.*/, '')}`))).toEqual([]);
  });
});
