import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT, TEMPLATES_DIR } from '../paths';

/** Every page and e-mail template's own text: the Handlebars expressions and tags taken out. */
function templateTexts(): Array<[string, string]> {
  return ['mail', 'views', 'partials'].flatMap((folder) =>
    readdirSync(join(TEMPLATES_DIR, folder))
      .filter((name) => name.endsWith('.hbs'))
      .map((name): [string, string] => {
        const source = readFileSync(join(TEMPLATES_DIR, folder, name), 'utf8');
        return [`${folder}/${name}`, source.replace(/\{\{[\s\S]*?\}\}/g, ' ').replace(/<[^>]*>/g, ' ')];
      }),
  );
}

/** A string literal a reader may see: it has Danish letters or everyday Danish words. */
const DANISH = /[æøå]|\b(og|er|på|ikke|til|med|du|der|har|kan)\b/i;

/**
 * The Danish string literals of the code (messages, page titles, view models), each named by its
 * file; tests and the API's English descriptions (dto/) left out.
 */
function sourceTexts(dir = join(PROJECT_ROOT, 'src')): Array<[string, string]> {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry): Array<[string, string]> => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'dto' ? [] : sourceTexts(path);
    if (!entry.name.endsWith('.ts') || entry.name.endsWith('.spec.ts')) return [];
    const literals = readFileSync(path, 'utf8').match(/'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g) ?? [];
    return literals
      .filter((text) => DANISH.test(text))
      .map((text): [string, string] => [path.slice(PROJECT_ROOT.length + 1), text]);
  });
}

const RULES: Array<[string, RegExp]> = [
  [
    '"seminar" for a seminar, "forløb" for the course, never "kursus" or "hold"',
    /\bkursus(?!administration|sted)|\bhold(et|ene)?\b/i,
  ],
  ['no English status words', /\b(published|draft|cancelled|registered|waitlisted|attended|no[ _-]show)\b/i],
  ['no "to et halvt døgn"', /halvt døgn/i],
];

/** Issue 17 point 9: one word per thing (GLOSSARY.md), Danish statuses. */
describe('The words of the templates', () => {
  const texts = templateTexts();

  it('reads every template', () => {
    expect(texts.length).toBeGreaterThan(40);
  });

  it.each(RULES)('%s', (_rule, forbidden) => {
    expect(texts.filter(([, text]) => forbidden.test(text)).map(([name]) => name)).toEqual([]);
  });
});

describe('The Danish words in the code', () => {
  const texts = sourceTexts();

  it('finds the messages catalogue and the view models among them', () => {
    const files = new Set(texts.map(([file]) => file));
    expect(files).toContain('src/common/danish-messages.ts');
    expect(files).toContain('src/console/allocation/allocation-view.ts');
    expect(texts.length).toBeGreaterThan(300);
  });

  it.each(RULES)('%s', (_rule, forbidden) => {
    expect(texts.filter(([, text]) => forbidden.test(text))).toEqual([]);
  });
});
