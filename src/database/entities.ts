import { StaffUser } from '../auth/staff-user.entity';
import { Cycle } from '../cycles/cycle.entity';
import { AuditEntry } from '../cycles/gdpr/audit-entry.entity';
import { Member } from '../cycles/member.entity';
import { Municipality } from '../reference/municipality.entity';
import { Party } from '../reference/party.entity';
import { Region } from '../reference/region.entity';

export const ENTITIES = [Region, Municipality, Party, StaffUser, Cycle, Member, AuditEntry];
