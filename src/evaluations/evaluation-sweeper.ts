import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { runPeriodically } from '../common/periodic';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { EvaluationsService } from './evaluations.service';

/** Requests for ended seminars and due reminders, every EVALUATION_SWEEP_MINUTES in the server. */
@Injectable()
export class EvaluationSweeper implements OnModuleDestroy {
  private readonly logger = new Logger(EvaluationSweeper.name);
  private stop: (() => void) | undefined;

  constructor(
    private readonly evaluations: EvaluationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Started by the server only (not by the CLI or tests); 0 minutes leaves it off. */
  start(): void {
    const minutes = this.config.evaluationSweepMinutes;
    if (minutes === 0 || this.stop) return;
    this.stop = runPeriodically(minutes * 60_000, () => this.tick(), this.logger, 'Evaluation sweep');
  }

  /** One sweep; the CLI's `evaluations` command runs this too. */
  async sweep(now = new Date()): Promise<{ requested: number; reminded: number }> {
    const requested = await this.evaluations.requestForEndedSeminars(now);
    const reminded = await this.evaluations.sendDueReminders(now);
    return { requested, reminded };
  }

  private async tick(): Promise<void> {
    const { requested, reminded } = await this.sweep();
    if (requested + reminded > 0) {
      this.logger.log(`Evaluation sweep: ${requested} requests, ${reminded} reminders`);
    }
  }

  onModuleDestroy(): void {
    this.stop?.();
  }
}
