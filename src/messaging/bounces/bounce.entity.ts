import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A delivery status notification that came back for a message: the address it went to was
 * refused later by the recipient's server. The member's address is bouncing while it is still the
 * address of a bounce; correcting it on the member's page ends that.
 */
@Entity('bounces')
export class Bounce {
  @PrimaryGeneratedColumn('increment')
  id: number;

  @Column('integer', { name: 'message_id' })
  messageId: number;

  @Column('integer', { name: 'member_id', nullable: true })
  memberId: number | null;

  /** The address the message went to (in lower case). */
  @Column('varchar', { length: 254 })
  address: string;

  @Column('varchar', { length: 20 })
  action: string;

  /** The enhanced status code, e.g. `5.1.1`. */
  @Column('varchar', { length: 20 })
  status: string;

  @Column('varchar', { length: 1000, nullable: true })
  diagnostic: string | null;

  @Column({ name: 'received_at', type: Date })
  receivedAt: Date;
}
