import { signatureBox, type ServiceReport } from '../../../../shared/domain/index.js';
import { formatDateTime, formatDuration } from '../../i18n/format.js';
import { requiredPartsText } from '../../i18n/domain-labels.js';
import { useT } from '../../i18n/use-t.js';
import { useConsole } from '../../store/index.js';

/**
 * The service report an engineer's device submitted, as the order's details, the daily sheet and an order's PDF show
 * it: work done, parts used, time on site, who signed and the signature drawn; a report without one says so plainly.
 */
export function ServiceReportView({ report }: { report: ServiceReport }) {
  const t = useT();
  const locale = useConsole((s) => s.locale);
  const timeZone = useConsole((s) => s.timeZone);
  return (
    <div className="service-report" data-testid="service-report">
      <dl>
        <dt>{t('report.workDone')}</dt>
        <dd data-testid="report-work">{report.workDone}</dd>
        <dt>{t('report.partsUsed')}</dt>
        <dd data-testid="report-parts">
          {report.partsUsed.length > 0 ? requiredPartsText(report.partsUsed, locale) : t('report.noParts')}
        </dd>
        <dt>{t('report.timeOnSite')}</dt>
        <dd>{formatDuration(report.timeOnSiteMin * 60_000, locale)}</dd>
        <dt>{t('report.signedBy')}</dt>
        <dd>
          {report.signedBy} · {formatDateTime(report.submittedAt, locale, timeZone)}
        </dd>
      </dl>
      {report.signature ? (
        <Signature path={report.signature} label={t('report.signature')} />
      ) : (
        <p className="report-unsigned" data-testid="report-unsigned">
          ⚠ {t('report.unsigned')}
        </p>
      )}
    </div>
  );
}

/** The customer's signature, scaled into its frame. The path passed the contract's check (plain path data only). */
function Signature({ path, label }: { path: string; label: string }) {
  const box = signatureBox(path) ?? { x: 0, y: 0, width: 200, height: 80 };
  const pad = 4;
  return (
    <figure className="report-signature">
      <svg
        role="img"
        aria-label={label}
        data-testid="report-signature"
        viewBox={`${box.x - pad} ${box.y - pad} ${box.width + 2 * pad} ${box.height + 2 * pad}`}
        preserveAspectRatio="xMidYMid meet"
      >
        <path d={path} fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <figcaption>{label}</figcaption>
    </figure>
  );
}
