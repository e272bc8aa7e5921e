import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

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

  @ApiPropertyOptional({
    example: '123456',
    description:
      'the code of the authenticator app, or an unused recovery code; required when the account has the second factor on',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  totp?: string;
}

export class AccessTokenDto {
  @ApiProperty({ description: 'the bearer token; POST /api/auth/logout ends it' })
  accessToken: string;

  @ApiProperty({ example: '2026-01-13T17:00:00.000Z' })
  expiresAt: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ minLength: 12 })
  @IsString()
  @MinLength(12, { message: 'newPassword must be at least 12 characters' })
  @MaxLength(200)
  newPassword: string;
}
