import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { CreateStaffDto, UpdateStaffDto } from './dto/staff.dto';
import { hashPassword } from './password';
import { StaffUser } from './staff-user.entity';

@Injectable()
export class StaffService {
  private readonly logger = new Logger(StaffService.name);

  constructor(@InjectRepository(StaffUser) private readonly users: Repository<StaffUser>) {}

  list(): Promise<StaffUser[]> {
    return this.users.find({ order: { id: 'ASC' } });
  }

  async create(input: CreateStaffDto): Promise<StaffUser> {
    const email = input.email.toLowerCase();
    if (await this.users.existsBy({ email })) {
      throw new DomainError('conflict', 'A staff account with this e-mail already exists', [
        { field: 'email', reason: 'already in use' },
      ]);
    }
    const saved = await this.users.save(
      this.users.create({
        email,
        name: input.name,
        role: input.role,
        municipalityCode: null,
        passwordHash: await hashPassword(input.password),
        disabledAt: null,
      }),
    );
    return this.get(saved.id);
  }

  async update(id: number, change: UpdateStaffDto): Promise<StaffUser> {
    const user = await this.get(id);
    if (change.role !== undefined) user.role = change.role;
    if (change.name !== undefined) user.name = change.name;
    if (change.disabled !== undefined)
      user.disabledAt = change.disabled ? (user.disabledAt ?? new Date()) : null;
    await this.users.update(id, { role: user.role, name: user.name, disabledAt: user.disabledAt });
    return this.get(id);
  }

  async get(id: number): Promise<StaffUser> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw DomainError.notFound('Staff account', id);
    return user;
  }

  findActive(id: number): Promise<StaffUser | null> {
    return this.users.findOneBy({ id, disabledAt: IsNull() });
  }

  findForLogin(email: string): Promise<StaffUser | null> {
    return this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email AND u.disabled_at IS NULL', { email: email.toLowerCase() })
      .getOne();
  }

  /** Creates the first admin unless an admin exists already. Returns whether one was created. */
  async ensureAdmin(email: string, password: string, name = 'Administrator'): Promise<boolean> {
    if (await this.users.existsBy({ role: 'admin' })) return false;
    await this.create({ email, password, name, role: 'admin' });
    this.logger.log('Created the first admin account');
    return true;
  }
}
