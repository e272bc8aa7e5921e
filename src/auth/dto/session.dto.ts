import { ApiProperty } from '@nestjs/swagger';
import { Session, SessionKind } from '../session.entity';

/** A session as an admin sees it: never the token, only what identifies the sign-in. */
export class SessionDto {
  @ApiProperty({ description: "the session's id (a hash of its token), for ending it" })
  id: string;

  @ApiProperty({ enum: ['console', 'api'] })
  kind: SessionKind;

  @ApiProperty({ description: 'the sign-in passed the second factor' })
  secondFactor: boolean;

  @ApiProperty()
  createdAt: string;

  @ApiProperty()
  lastSeenAt: string;

  @ApiProperty()
  expiresAt: string;

  @ApiProperty({ example: 'Firefox på Windows' })
  userAgent: string;

  static of(session: Session): SessionDto {
    return {
      id: session.id,
      kind: session.kind,
      secondFactor: session.secondFactor,
      createdAt: session.createdAt.toISOString(),
      lastSeenAt: session.lastSeenAt.toISOString(),
      expiresAt: session.expiresAt.toISOString(),
      userAgent: session.userAgent,
    };
  }
}
