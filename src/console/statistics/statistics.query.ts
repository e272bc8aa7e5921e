import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** What a statistics page's address may carry: the cycle(s), the sorting, a search and a CSV request. */
export class StatisticsQuery {
  /** A cycle by id (an old bookmark); without it the working cycle. */
  @IsOptional()
  @Matches(/^\d{1,9}$/)
  cycle?: string;

  @IsOptional()
  @Matches(/^[a-z-]{1,30}$/)
  sortering?: string;

  @IsOptional()
  @IsIn(['op', 'ned'])
  retning?: 'op' | 'ned';

  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @IsOptional()
  @IsIn(['csv'])
  format?: 'csv';

  @IsOptional()
  @Matches(/^[a-z0-9-]{1,40}$/)
  tabel?: string;

  /** The two cycles compared, by code or id. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,20}$/)
  a?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,20}$/)
  b?: string;
}
