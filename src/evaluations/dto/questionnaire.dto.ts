import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsObject, IsOptional, Max, Min } from 'class-validator';
import { MAX_SURVEY_DAYS } from '../questionnaire';

export class PutQuestionnaireDto {
  @ApiProperty({
    description:
      'Questions, each { id, type: scale|nps|single|multiple|text, text, required } plus labels { min, max } for scale and options for single and multiple',
    example: [
      {
        id: 'overall',
        type: 'scale',
        text: 'Hvor tilfreds er du samlet set med forløbet?',
        required: true,
        labels: { min: 'Meget utilfreds', max: 'Meget tilfreds' },
      },
    ],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsObject({ each: true })
  questions: Array<Record<string, unknown>>;

  @ApiPropertyOptional({ description: 'Days after the request that the one reminder goes', example: 7 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_SURVEY_DAYS)
  reminderAfterDays?: number;

  @ApiPropertyOptional({ description: 'Days after the request that the survey closes', example: 21 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_SURVEY_DAYS)
  closesAfterDays?: number;
}
