import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { MESSAGE_KINDS, MessageKind } from '../../messaging/message-kinds';
import { OUTBOX_STATUSES, OutboxStatus } from '../../messaging/outbox-message.entity';

const blankIsNone = ({ value }: { value: unknown }) => (value === '' ? undefined : value);
const optionalNumber = ({ value }: { value: unknown }) =>
  value === '' || value === undefined ? undefined : Number(value);

/** `retur`: sent, then sent back by the recipient's server. */
export const LOG_STATUSES = [...OUTBOX_STATUSES, 'retur'] as const;
export type LogStatus = OutboxStatus | 'retur';

/** The delivery log's filters and page as the URL carries them. */
export class MessageLogQuery {
  @IsOptional()
  @Transform(optionalNumber)
  @IsInt()
  @Min(1)
  medlem?: number;

  @IsOptional()
  @Transform(optionalNumber)
  @IsInt()
  @Min(1)
  seminar?: number;

  @IsOptional()
  @Transform(blankIsNone)
  @IsIn(MESSAGE_KINDS)
  slags?: MessageKind;

  @IsOptional()
  @Transform(blankIsNone)
  @IsIn(LOG_STATUSES)
  status?: LogStatus;

  @IsOptional()
  @IsString()
  @MaxLength(254)
  adresse?: string;

  @IsOptional()
  @Transform(optionalNumber)
  @IsInt()
  @Min(1)
  side?: number;
}

/** A chosen member and seminar to show the templates with. */
export class PreviewChoiceQuery {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  medlem?: string;

  @IsOptional()
  @Transform(optionalNumber)
  @IsInt()
  @Min(1)
  seminar?: number;
}

/** Which municipality's addresses to show; none means all. */
export class AddressProblemsQuery {
  @IsOptional()
  @Transform(optionalNumber)
  @IsInt()
  kommune?: number;
}
