import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * Characters that have no place in a name, a title or anything else that can end up in a mail
 * header, a file name or a calendar parameter: C0 (U+0000–U+001F, CR, LF and TAB among them),
 * DEL, C1 (U+0080–U+009F, NEL among them) and the Unicode line and paragraph separators
 * (U+2028, U+2029). Some mail and calendar parsers end a line at any of them.
 */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** The same, except the line breaks and tab a multi-line text (a note, a diet) may hold. */
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/;

export interface ControlCharacterOptions {
  /** A multi-line text: CR, LF and TAB are allowed, every other control character is not. */
  multiline?: boolean;
}

export function hasControlCharacters(value: string, options: ControlCharacterOptions = {}): boolean {
  return (options.multiline ? CONTROL_BUT_LINES : CONTROL).test(value);
}

/**
 * One line of text: every control character and every run of white space becomes one space,
 * and the ends are trimmed. What the import does to a one-line cell, and what the mail layer
 * does to a recipient name, a subject or a calendar field whatever got past the API.
 */
export function foldToOneLine(value: string): string {
  return value.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
}

/** A multi-line text with its line breaks and tabs kept and every other control character a space. */
export function foldControlCharacters(value: string): string {
  return value.replace(new RegExp(CONTROL_BUT_LINES.source, 'g'), ' ');
}

/**
 * Refuses a string holding a control character (see above) with a 400 that names the field.
 * Put it on every DTO text that may reach a header, a file name or a calendar file; with
 * `{ multiline: true }` on free texts (notes) that may hold line breaks but nothing else.
 * The member import folds the same characters instead (src/cycles/import/member-row.ts).
 */
export function NoControlCharacters(
  options: ControlCharacterOptions = {},
  validationOptions?: ValidationOptions,
): PropertyDecorator {
  return ValidateBy(
    {
      // Two names, so that a page words each rule in Danish (INPUT_TEXTS in danish-messages.ts).
      name: options.multiline ? 'noControlCharactersMultiline' : 'noControlCharacters',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !hasControlCharacters(value, options),
        defaultMessage: (args) =>
          options.multiline
            ? `${args?.property} must not contain control characters other than line breaks and tabs`
            : `${args?.property} must not contain line breaks or other control characters`,
      },
    },
    validationOptions,
  );
}
