import pino from 'pino';
import type { Config } from './config.js';
import { buildApp, type BuildOptions } from './app.js';
import type { App, AppContext } from './platform/context.js';
import { openDatabase, type DatabaseHandle } from './platform/db/database.js';
import { migrate } from './platform/db/migrate.js';
import { loadServerKey } from './platform/crypto/server-key.js';
import { JobQueue, type QueueTuning } from './platform/queue/job-queue.js';
import { createMailer, type Mailer } from './platform/mail/mailer.js';
import { defineMailJob } from './platform/mail/mail-job.js';
import { definePasswordResetJob } from './modules/identity/auth/password-reset.js';
import { defineUnlockMailJob } from './modules/identity/auth/sign-in.js';
import { defineDeadlineReminders } from './modules/legal/deadlines/deadline-reminders.js';
import { deleteExpiredSessions } from './platform/auth/session-store.js';
import { sessionCache } from './platform/auth/session-cache.js';
import { prepareFirstRun } from './modules/identity/setup/setup.service.js';
import { defineAnnualReportJob } from './modules/communication/reports/annual-report.service.js';
import { defineMailPipeline } from './modules/communication/mailings/mail-pipeline.js';
import { pressReleaseAttachments } from './modules/communication/press-releases/press-release-pdf.js';
import { defineBouncePolling } from './modules/communication/mailings/bounce-intake.js';
import { defineResearchReleaseJob } from './modules/communication/research/releases.service.js';
import { defineAgreementReminders } from './modules/communication/research/agreement-reminders.js';
import { defineGrantReminders } from './modules/communication/grants/grant-reminders.js';
import { defineRotaReminders } from './modules/field/rota/rota-reminders.js';
import { defineLoanReminders } from './modules/association/equipment/loan-reminders.js';
import { defineVehicleReminders } from './modules/association/vehicles/vehicle-reminders.js';
import { defineTaskReminders } from './modules/association/tasks/task-reminders.js';
import { defineNewsletterJobs } from './modules/communication/newsletters/newsletter.jobs.js';
import { defineJobAlertJobs } from './modules/association/postings/job-alerts.js';
import { definePublicCopyJob } from './modules/field/evidence/public-copy.job.js';
import { defineStatisticsJobs } from './modules/communication/statistics/statistics.jobs.js';
import { StatisticsPromoter } from './modules/communication/statistics/statistics.promoter.js';
import { defineMembershipReminders } from './modules/association/members/renewal-reminders.js';
import { defineRecruitmentJobs } from './modules/association/applications/applications.service.js';
import { defineMonitoringJobs } from './modules/communication/monitoring/monitoring.jobs.js';
import { createObjectStorage } from './platform/storage/create-storage.js';

export type RunningVigie = {
  app: App;
  ctx: AppContext;
  database: DatabaseHandle;
  url: string;
  setupCode: string | null;
  close(): Promise<void>;
};

/**
 * Opens the database (embedded or real), applies migrations, starts the job workers and the
 * HTTP server. Used by main.ts and by the integration tests, so both run the same start-up.
 */
export async function startVigie(config: Config, options: BuildOptions & { workers?: boolean; listen?: boolean; firstRun?: boolean; queue?: QueueTuning } = {}): Promise<RunningVigie> {
  const log = pino({ level: config.logLevel });
  sessionCache.configure(config.sessionCacheSeconds);
  const database = await openDatabase(config.database);
  let queue: JobQueue | undefined;
  let app: App | undefined;
  let mailer: Mailer | undefined;
  let promoter: StatisticsPromoter | undefined;
  try {
    await migrate(database.pool);
    await deleteExpiredSessions(database.db);
    const serverKey = loadServerKey(config.secretKey, config.dataDir);
    queue = new JobQueue(database.pool, config.jobPollSeconds, options.queue);
    mailer = createMailer(config.smtpUrl, config.mailFrom, (msg) => log.info(msg), { connections: config.mailConnections });
    defineMailPipeline(queue, { db: database.db, mailer, config, serverKey, attachments: pressReleaseAttachments(database.db) });
    defineBouncePolling(queue, { db: database.db, config });
    defineMailJob(queue, mailer, serverKey);
    definePasswordResetJob(queue, { db: database.db, config, serverKey });
    defineUnlockMailJob(queue, { db: database.db, config, serverKey });
    defineAnnualReportJob(queue, { db: database.db, readDb: database.readDb, storage: createObjectStorage(config.storage) });
    defineDeadlineReminders(queue, { db: database.db, config });
    defineResearchReleaseJob(queue, { db: database.db, storage: createObjectStorage(config.storage), config, serverKey });
    defineAgreementReminders(queue, { db: database.db, config });
    defineGrantReminders(queue, { db: database.db, config });
    defineRotaReminders(queue, { db: database.db, config });
    defineLoanReminders(queue, { db: database.db, config });
    defineVehicleReminders(queue, { db: database.db, config });
    defineTaskReminders(queue, { db: database.db, config });
    defineRecruitmentJobs(queue, { db: database.db, serverKey });
    defineNewsletterJobs(queue, { db: database.db });
    defineJobAlertJobs(queue, { db: database.db });
    defineMembershipReminders(queue, { db: database.db });
    defineMonitoringJobs(queue, { db: database.db });
    defineStatisticsJobs(queue, { db: database.db });
    definePublicCopyJob(queue, { db: database.db, storage: createObjectStorage(config.storage), config, serverKey });
    await queue.start(database.pool, options.workers ?? true);
    // New evictions into the statistics cells, a batch at a time (migration 20k-01); in every process, as the job workers.
    if ((options.workers ?? true) && config.statisticsPromoteMs > 0) {
      promoter = new StatisticsPromoter(database.db, (err) => log.error({ err }, 'pending evictions could not be counted into the statistics yet; retrying'));
      promoter.start(config.statisticsPromoteMs);
    }
    const ctx: AppContext = { config, db: database.db, readDb: database.readDb, readForks: database.readForks, queue, serverKey, log };
    app = await buildApp(ctx, options);
    ctx.log = app.log;
    // firstRun false: another process of the same server made the set-up code (main.ts, WEB_CONCURRENCY).
    const setupCode = (options.firstRun ?? true) ? await prepareFirstRun(ctx) : null;
    let url = config.publicUrl;
    if (options.listen ?? true) {
      const address = await app.listen({ host: config.host, port: config.port });
      if (config.port === 0) url = address;
    } else {
      await app.ready();
    }
    const started = app;
    const startedQueue = queue;
    const startedMailer = mailer;
    const startedPromoter = promoter;
    let closing: Promise<void> | undefined;
    return {
      app: started, ctx, database, url, setupCode,
      close() {
        closing ??= (async () => {
          await started.close();
          await startedPromoter?.stop();
          await startedQueue.stop();
          await startedMailer.close();
          await database.close();
        })();
        return closing;
      },
    };
  } catch (err) {
    await app?.close().catch(() => {});
    await promoter?.stop().catch(() => {});
    await queue?.stop().catch(() => {});
    await mailer?.close().catch(() => {});
    await database.close().catch(() => {});
    throw err;
  }
}
