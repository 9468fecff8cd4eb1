// Everything a user may want to change without editing the rules: import the mixin and
// override fields of _config, as with kubernetes-mixin and node-mixin.
{
  _config+:: {
    // The one place the project's address lives; the runbook URLs are built from it.
    repositoryUrl: 'https://github.com/salesforce-exporter/salesforce-exporter',
    runbookUrlBase: self.repositoryUrl + '/blob/main/docs/runbook.md',

    // Selects the scrape job(s) of the exporter in every alert, rule and dashboard.
    exporterSelector: 'job="salesforce"',

    // Usage thresholds, as the used fraction (0..1) of a limit. Salesforce admins' guidance for
    // API consumption: 60 % of the allocation triggers attention, 80 % escalation. Every other
    // limit: 80 % / 95 %. Users override per org and limit with recorded series (see
    // alerts/thresholds.example.yml); these are the defaults those overrides replace.
    usageThresholds: {
      default: { warning: 0.80, critical: 0.95 },
      perLimit: {
        DailyApiRequests: { warning: 0.60, critical: 0.80 },
      },
    },
    // Connected-app quotas (nested entries of /limits).
    appQuotaThreshold: 0.90,

    // The exporter refreshes /limits every 5 minutes by default, so values move in 5-minute
    // steps; windows below cover several refreshes.
    usageWarningFor: '15m',
    usageCriticalFor: '5m',
    // A usage wobbling around its threshold keeps the alert firing instead of flapping.
    usageKeepFiringFor: '15m',
    // A transient scrape gap does not restart the usage alerts' timers.
    gapTolerance: '10m',

    // Exhaustion prediction: needs this much history and this much usage before it speaks.
    predictionMinUsage: 0.50,
    predictionFor: '15m',

    // Failure windows: cover at least two refresh attempts at the 5-minute interval.
    failureWindow: '15m',
    orgDownFor: '10m',
    authFailingFor: '5m',
    staleAfterSeconds: 900,
    staleFor: '5m',
    exporterDownFor: '5m',
    // One target per org: an org's own target failing while its exporter serves others. Longer
    // than the README's http_sd refresh_interval (5m), so that an org just removed from the
    // configuration (its target answers 404 until the next /targets refresh) does not fire.
    orgScrapeFailingFor: '10m',
    exporterAbsentFor: '15m',
    overrideUnmatchedFor: '30m',

    // Licences: the share of a licence type's total in use. The licences source refreshes
    // hourly, so values move in hourly steps. Overridable per org and licence like the limits.
    licenseThresholds: { warning: 0.90, critical: 1.00 },
    licenseFor: '15m',
    // Usage-based entitlements: used per allowed, above which the alert fires.
    entitlementThreshold: 1.00,
    entitlementFor: '15m',
    // API consumers (ApiTotalUsage): a client whose calls grew by this factor over the previous
    // period and that uses at least this share of DailyApiRequests.
    apiConsumerGrowth: 1.50,
    apiConsumerMinShare: 0.10,
    apiConsumerFor: '30m',
    // A source other than limits (licences, entitlements, record counts, org, API usage) that has
    // not had a good answer for this long: its alerts would otherwise go quiet unnoticed.
    sourceDownFor: '1h',
  },
}
