import { StaffUser } from '../auth/staff-user.entity';
import { Cycle } from '../cycles/cycle.entity';
import { Member } from '../cycles/member.entity';
import { OutboxMessage } from '../messaging/outbox-message.entity';
import { Municipality } from '../reference/municipality.entity';
import { Party } from '../reference/party.entity';
import { Region } from '../reference/region.entity';

export const ENTITIES = [Region, Municipality, Party, StaffUser, Cycle, Member, OutboxMessage];
