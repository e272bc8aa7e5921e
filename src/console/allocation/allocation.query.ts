import { Type } from 'class-transformer';
import { IsInt, IsOptional, Min } from 'class-validator';

/** Two proposals to set side by side: `?a=12&b=13`. */
export class CompareQuery {
  @Type(() => Number)
  @IsInt()
  a: number;

  @Type(() => Number)
  @IsInt()
  b: number;
}

/** A seminar to re-plan: cancelled (no `pladser`) or shrunk to `pladser` seats. */
export class ReplanQuery {
  @Type(() => Number)
  @IsInt()
  seminar: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  pladser?: number;
}
