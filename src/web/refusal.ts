import { danishInputText, danishText, ErrorCode } from '../common/danish-messages';
import { DomainError } from '../common/domain-error';
import { STATUS_BY_KIND } from '../common/exception.filter';
import { InvalidInput } from '../common/validation.pipe';

/** One field's problem, for the error summary at the top of the form. */
export interface FieldError {
  field: string;
  label: string;
  text: string;
}

/**
 * A form the app refused, as the page shows it again: the Danish summary, each field's problem
 * beside the field, and what was typed so nothing is lost. From the global pipe's InvalidInput
 * (a field breaks its DTO's rule) or from a service's DomainError (its details name the fields).
 */
export class Refusal {
  private constructor(
    readonly status: number,
    readonly code: ErrorCode,
    /** The sentence for the top of the page. */
    readonly summary: string,
    /** Each problem with its field's label, in the order the fields were checked. */
    readonly errors: FieldError[],
    /** What was posted, as it was typed. */
    readonly values: Record<string, unknown>,
  ) {}

  static of(error: DomainError, body: unknown, labels: Map<string, string>): Refusal {
    const values = body && typeof body === 'object' ? { ...(body as Record<string, unknown>) } : {};
    const labelOf = (field: string) => labels.get(field) ?? field;
    const errors: FieldError[] =
      error instanceof InvalidInput
        ? error.constraints.map((c) => ({
            field: c.field,
            label: labelOf(c.field),
            text: danishInputText(c.constraint, c.args),
          }))
        : (error.details ?? []).map((d) => ({
            field: d.field,
            label: labelOf(d.field),
            text: danishText(error.code, error.params),
          }));
    const summary =
      error instanceof InvalidInput
        ? errors.map((e) => `${e.label}: ${e.text}`).join(' ')
        : danishText(error.code, error.params);
    return new Refusal(STATUS_BY_KIND[error.kind], error.code, summary, errors, values);
  }

  /** The first problem of a field, for beside it; null when the field is fine. */
  field(name: string): string | null {
    return this.errors.find((e) => e.field === name)?.text ?? null;
  }

  /** The typed value of a field, as a form control shows it. */
  typed(name: string): string | undefined {
    const value = this.values[name];
    return typeof value === 'string' ? value : undefined;
  }
}
