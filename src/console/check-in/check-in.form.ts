import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { CsrfForm, Label } from '../../web/page-form';

const SeatId = () =>
  applyDecorators(
    Type(() => Number),
    IsInt(),
    Min(1),
  );
const OptionalSeatId = () =>
  applyDecorators(
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(0),
  );

/** The door's address: the name searched for, and what the last change did (by seat, never by name). */
export class DoorQuery {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @OptionalSeatId() tjekket?: number;
  @OptionalSeatId() allerede?: number;
  @OptionalSeatId() fortrudt?: number;
  @OptionalSeatId() udeblevne?: number;
}

/** One seat on the list: tick off, or undo. */
export class SeatForm extends CsrfForm {
  @SeatId() registrationId: number;
}

export class CodeForm extends CsrfForm {
  @Label('Kode')
  @IsString()
  @MaxLength(60)
  kode: string;
}
