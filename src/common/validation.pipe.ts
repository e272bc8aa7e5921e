import { ValidationError, ValidationPipe } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { DomainError, FieldProblem } from './domain-error';

/** A field's problem as a page shows it: the constraint (the key of its Danish text) and its arguments. */
export interface FieldConstraint {
  field: string;
  constraint: string;
  args: readonly unknown[];
}

/**
 * A request body, query or path that breaks its DTO's rules. The API answers with the English
 * `details`; a page shows each field's problem in Danish from `constraints` (danish-messages.ts).
 */
export class InvalidInput extends DomainError<'request.invalid'> {
  constructor(
    details: FieldProblem[],
    readonly constraints: FieldConstraint[],
  ) {
    super(
      'validation_failed',
      'request.invalid',
      details.map((d) => `${d.field}: ${d.reason}`).join('; '),
      details,
    );
  }
}

/** The arguments of a property's constraint, e.g. 500 for `@MaxLength(500)`. */
function argsOf(target: object | undefined, property: string, constraint: string): readonly unknown[] {
  if (!target) return [];
  const rules = getMetadataStorage().getTargetValidationMetadatas(target.constructor, '', true, false);
  return rules.find((r) => r.propertyName === property && r.name === constraint)?.constraints ?? [];
}

function flatten(errors: ValidationError[], prefix = ''): Array<FieldProblem & FieldConstraint> {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, reason]) => ({
      field,
      reason,
      constraint,
      args: argsOf(error.target, error.property, constraint),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Unknown fields are refused, types are converted, and every problem names its field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // The target tells which DTO a constraint belongs to; it never leaves the exception factory.
    validationError: { target: true },
    exceptionFactory: (errors) => {
      const problems = flatten(errors);
      return new InvalidInput(
        problems.map(({ field, reason }) => ({ field, reason })),
        problems.map(({ field, constraint, args }) => ({ field, constraint, args })),
      );
    },
  });
}
