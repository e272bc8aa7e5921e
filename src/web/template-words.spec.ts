import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATES_DIR } from '../paths';

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

/** Issue 17 point 9: one word per thing (GLOSSARY.md), Danish statuses. */
describe('The words of the templates', () => {
  const texts = templateTexts();

  it('reads every template', () => {
    expect(texts.length).toBeGreaterThan(40);
  });

  it.each([
    [
      '"seminar" for a seminar, "forløb" for the course, never "kursus" or "hold"',
      /\bkursus(?!administration|sted)|\bhold(et|ene)?\b/i,
    ],
    [
      'no English status words',
      /\b(published|draft|cancelled|registered|waitlisted|attended|no[ _-]show)\b/i,
    ],
    ['no "to et halvt døgn"', /halvt døgn/i],
  ])('%s', (_rule, forbidden) => {
    expect(texts.filter(([, text]) => forbidden.test(text)).map(([name]) => name)).toEqual([]);
  });
});
