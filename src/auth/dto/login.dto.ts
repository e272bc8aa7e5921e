import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'planlaegger@kl.dk' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'et-langt-kodeord' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}

export class AccessTokenDto {
  @ApiProperty()
  accessToken: string;

  @ApiProperty({ example: '2026-01-13T17:00:00.000Z' })
  expiresAt: string;
}
