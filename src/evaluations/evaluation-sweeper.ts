import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { BackgroundWork } from '../common/background-work';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { EvaluationsService } from './evaluations.service';
import { ResponseRelease } from './response-release';

/**
 * Requests for ended seminars and due reminders, every EVALUATION_SWEEP_MINUTES in the server;
 * answers a failed release left held are filed then too.
 */
@Injectable()
export class EvaluationSweeper implements OnApplicationBootstrap {
  private readonly logger = new Logger(EvaluationSweeper.name);

  constructor(
    private readonly evaluations: EvaluationsService,
    private readonly release: ResponseRelease,
    private readonly background: BackgroundWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.background.every('Evaluation sweep', this.config.evaluationSweepMinutes * 60_000, () => this.tick());
  }

  /** One sweep; the CLI's `evaluations` command runs this too. */
  async sweep(now = new Date()): Promise<{ requested: number; reminded: number }> {
    const requested = await this.evaluations.requestForEndedSeminars(now);
    const reminded = await this.evaluations.sendDueReminders(now);
    return { requested, reminded };
  }

  private async tick(): Promise<void> {
    const { requested, reminded } = await this.sweep();
    const filed = await this.release.releaseAllHeld();
    if (requested + reminded + filed > 0) {
      this.logger.log(
        `Evaluation sweep: ${requested} requests, ${reminded} reminders, held answers of ${filed} seminars filed`,
      );
    }
  }
}
