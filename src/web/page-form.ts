import { IsOptional, IsString } from 'class-validator';

const LABELS = Symbol('kattegat:labels');

/** The label a form field has on its page: an error summary names the field by it. */
export function Label(text: string): PropertyDecorator {
  return (target, property) => {
    const own: Map<string, string> = Object.prototype.hasOwnProperty.call(target.constructor, LABELS)
      ? (target.constructor as unknown as Record<symbol, Map<string, string>>)[LABELS]
      : new Map();
    own.set(String(property), text);
    Object.defineProperty(target.constructor, LABELS, { value: own, configurable: true });
  };
}

/** The labels of a form's fields, its parents' included. */
export function labelsOf(form: unknown): Map<string, string> {
  const labels = new Map<string, string>();
  const chain: object[] = [];
  for (let c = form as object | null; c && c !== Function.prototype; c = Object.getPrototypeOf(c))
    chain.unshift(c);
  for (const c of chain) {
    const own = Object.prototype.hasOwnProperty.call(c, LABELS)
      ? (c as Record<symbol, Map<string, string>>)[LABELS]
      : undefined;
    own?.forEach((text, field) => labels.set(field, text));
  }
  return labels;
}

/**
 * The base of every page form: the CSRF fields the page's guard has checked already. A form DTO
 * extends it so that the global pipe lets them through beside the form's own fields.
 */
export class CsrfForm {
  @IsOptional()
  @IsString()
  nonce?: string;

  @IsOptional()
  @IsString()
  mac?: string;
}
