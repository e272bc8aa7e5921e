import { Body, Get, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { Roles } from '../../auth/access.decorators';
import { AuthenticatedStaff } from '../../auth/authenticated-staff';
import { CurrentStaff } from '../../auth/current-staff.decorator';
import { CsrfForm } from '../../web/page-form';
import { redirect } from '../../web/page-result';
import { StaffPages } from '../../web/pages.decorators';
import { backInCycle, CycleBarService } from './cycle-bar.service';

export class ChooseCycleForm extends CsrfForm {
  @Type(() => Number)
  @IsInt()
  cycle: number;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  back?: string;
}

/** The header's cycle chooser, the members' shortcut into the working cycle, and the old dashboard's addresses. */
@StaffPages('', 'admin', 'planner', 'kl', 'municipality')
export class ShellController {
  constructor(private readonly cycleBar: CycleBarService) {}

  @Post('valgperioder/vaelg')
  async choose(@Body() form: ChooseCycleForm, @CurrentStaff() staff: AuthenticatedStaff) {
    const cycle = await this.cycleBar.choose(staff, form.cycle);
    return redirect(backInCycle(form.back, cycle.id));
  }

  @Get('medlemmer')
  @Roles('admin', 'planner')
  async members(@CurrentStaff() staff: AuthenticatedStaff) {
    const cycle = await this.cycleBar.active(staff);
    return redirect(cycle ? `/valgperioder/${cycle.id}/medlemmer` : '/valgperioder');
  }

  /** KL's dashboard moved into the console; bookmarks keep working. */
  @Get('dashboard')
  @Roles('admin', 'planner', 'kl')
  dashboard() {
    return redirect('/statistik', { status: 301 });
  }

  @Get('dashboard/seminarer')
  @Roles('admin', 'planner', 'kl')
  dashboardSeminars() {
    return redirect('/statistik/seminarer', { status: 301 });
  }
}
