import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsISO8601, IsOptional, IsString, IsUrl, MaxLength, MinLength } from 'class-validator';
import { NoControlCharacters } from '../../common/control-characters';

/**
 * Either a multipart upload (field `file` beside these fields) or JSON with a `url` for a link.
 * Titles are trimmed first so that a title of spaces counts as empty.
 */
export class CreateMaterialDto {
  @ApiProperty({ example: 'Slides: Kommunens økonomi' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(200)
  @NoControlCharacters()
  title: string;

  @ApiProperty({ example: '2026-01-13T08:00:00+01:00' })
  @IsISO8601(
    { strict: true, strictSeparator: true },
    { message: 'availableFrom must be an ISO 8601 instant' },
  )
  availableFrom: string;

  @ApiPropertyOptional({ example: 'https://www.kl.dk/kommunaloekonomi', description: 'only for a link' })
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'url must be an http or https address' },
  )
  @MaxLength(2000)
  url?: string;
}
