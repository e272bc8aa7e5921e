import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import {
  foldControlCharacters,
  foldToOneLine,
  hasControlCharacters,
  NoControlCharacters,
} from './control-characters';

class Sample {
  @NoControlCharacters()
  name: unknown;

  @NoControlCharacters({ multiline: true })
  note: unknown;
}

const problems = (value: Partial<Sample>) =>
  validateSync(plainToInstance(Sample, value)).map((e) => [e.property, Object.values(e.constraints!)]);

describe('control characters', () => {
  const controls = ['\r', '\n', '\t', '\u0000', '\u001b', '\u007f', '\u0085', '\u009f', '\u2028', '\u2029'];

  it.each(controls.map((c) => [JSON.stringify(c), c]))('finds %s in a one-line text', (_, c) => {
    expect(hasControlCharacters(`Eva${c}Hansen`)).toBe(true);
  });

  it('lets Danish letters, accents and ordinary punctuation through', () => {
    expect(hasControlCharacters('Søren Ærø Østergård-Müller, cand.polit. (A) «Å» – 10 %')).toBe(false);
  });

  it('allows line breaks and tabs in a multi-line text, nothing else', () => {
    expect(hasControlCharacters('Ingen gluten\r\n\tIngen nødder', { multiline: true })).toBe(false);
    expect(hasControlCharacters('Ingen\u0000gluten', { multiline: true })).toBe(true);
    expect(hasControlCharacters('Ingen\u2028gluten', { multiline: true })).toBe(true);
  });

  it('folds to one line with single spaces', () => {
    expect(foldToOneLine('  Eva\r\nBcc: evil@x.dk\u2028\u0000 ')).toBe('Eva Bcc: evil@x.dk');
    expect(foldControlCharacters('a\r\nb\u0007c')).toBe('a\r\nb c');
  });

  it('refuses through the decorator with a reason naming the field; non-strings are left to other rules', () => {
    expect(problems({ name: 'Eva\r\nBcc: evil@x.dk', note: 'a\nb' })).toEqual([
      ['name', ['name must not contain line breaks or other control characters']],
    ]);
    expect(problems({ name: 'Eva', note: 'a\u0000b' })).toEqual([
      ['note', ['note must not contain control characters other than line breaks and tabs']],
    ]);
    expect(problems({ name: 42, note: null })).toEqual([]);
  });
});
