import { getMetadataStorage } from 'class-validator';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { danishInputText, danishText, ERROR_TEXTS, INPUT_TEXTS } from './danish-messages';

const SRC = join(__dirname, '..');

function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** The text of each call's argument list, from the opening parenthesis to the one closing it. */
function callArguments(text: string, callee: string): string[] {
  const calls: string[] = [];
  for (let at = text.indexOf(callee); at !== -1; at = text.indexOf(callee, at + 1)) {
    let depth = 0;
    for (let i = at + callee.length - 1; i < text.length; i++) {
      if ('([{'.includes(text[i])) depth++;
      if (')]}'.includes(text[i]) && --depth === 0) {
        calls.push(text.slice(at + callee.length, i));
        break;
      }
    }
  }
  return calls;
}

/** The dotted literals in the second argument: the code, or the codes a condition picks from. */
function codesOf(args: string): string[] {
  let depth = 0;
  const commas: number[] = [];
  for (let i = 0; i < args.length; i++) {
    if ('([{'.includes(args[i])) depth++;
    if (')]}'.includes(args[i])) depth--;
    if (args[i] === ',' && depth === 0) commas.push(i);
  }
  const second = args.slice(commas[0] + 1, commas[1]);
  return [...second.matchAll(/'([a-z_]+(?:\.[a-z_]+)+)'/g)].map((m) => m[1]);
}

describe('the Danish catalogue', () => {
  it('has a text for every code a DomainError is raised with in src/', () => {
    const used = new Map<string, string>();
    for (const file of sources()) {
      const text = readFileSync(file, 'utf8');
      for (const args of callArguments(text, 'new DomainError(')) {
        for (const code of codesOf(args)) used.set(code, relative(SRC, file));
      }
      // Helpers that take the code first, e.g. unknownReference('seminar.unknown_wave', …).
      for (const [, helper] of text.matchAll(/function (\w+)\(code: ErrorCode/g)) {
        for (const args of callArguments(text, `${helper}(`)) {
          const code = /^'([^']+)'/.exec(args)?.[1];
          if (code) used.set(code, relative(SRC, file));
        }
      }
    }
    expect(used.size).toBeGreaterThan(60);
    const missing = [...used].filter(([code]) => !(code in ERROR_TEXTS)).map(([c, f]) => `${c} (${f})`);
    expect(missing).toEqual([]);
  });

  it('speaks in whole Danish sentences and names its params in braces', () => {
    for (const text of [...Object.values(ERROR_TEXTS), ...Object.values(INPUT_TEXTS)]) {
      expect(text).toMatch(/^[A-ZÆØÅ].*[.!?]$/);
      expect(text.replace(/\{\w+\}/g, '')).not.toMatch(/[{}]/);
    }
  });

  it('fills in the params of a text', () => {
    expect(danishInputText('maxLength', [500])).toBe('Må højst fylde 500 tegn.');
    expect(danishInputText('isIn', [['a', 'b']])).toBe('Vælg en af mulighederne.');
    expect(danishInputText('noSuchRule')).toBe(danishText('request.invalid'));
    expect(danishText('seat.seminar_full')).toBe('Seminaret er fuldt. Du beholder din nuværende plads.');
  });

  it('has a field text for every rule a DTO in src/ uses', () => {
    for (const file of sources().filter((f) => /\/dto\/|form\.ts$/.test(f))) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(file);
    }
    const storage = getMetadataStorage() as unknown as {
      validationMetadatas: Map<unknown, Array<{ type: string; name?: string }>>;
    };
    const rules = new Set(
      [...storage.validationMetadatas.values()]
        .flat()
        .map((m) => (m.type === 'customValidation' ? m.name : m.type === 'nestedValidation' ? m.type : null))
        .filter((name): name is string => !!name),
    );
    expect(rules.size).toBeGreaterThan(10);
    expect([...rules].filter((rule) => !(rule in INPUT_TEXTS))).toEqual([]);
  });
});
