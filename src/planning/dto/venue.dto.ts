import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsEmail, IsNumber, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { NoControlCharacters } from '../../common/control-characters';

export class CreateVenueDto {
  @ApiProperty({ example: 'Hotel Koldingfjord' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  @NoControlCharacters()
  name: string;

  @ApiProperty({ example: 'Fjordvej 154' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  @NoControlCharacters()
  address: string;

  @ApiProperty({ example: '6000' })
  @IsString()
  @MinLength(1)
  @MaxLength(10)
  @NoControlCharacters()
  postalCode: string;

  @ApiProperty({ example: 'Kolding' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @NoControlCharacters()
  town: string;

  @ApiProperty({ example: 55.5, description: 'WGS84 latitude' })
  @IsNumber()
  @Min(-90)
  @Max(90)
  latitude: number;

  @ApiProperty({ example: 9.53, description: 'WGS84 longitude' })
  @IsNumber()
  @Min(-180)
  @Max(180)
  longitude: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @NoControlCharacters()
  contactName?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail({}, { message: 'contactEmail must be an e-mail address' })
  @MaxLength(254)
  contactEmail?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @NoControlCharacters()
  contactPhone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @NoControlCharacters({ multiline: true })
  notes?: string;
}

export class UpdateVenueDto extends PartialType(CreateVenueDto) {}
