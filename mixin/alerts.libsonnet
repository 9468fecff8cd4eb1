// Alerting rules. Usage alerts compare the recorded usage with the threshold in force
// (rules.libsonnet); failure alerts read salesforce_refresh_failures_total by reason.
{
  local c = $._config,
  local sel = c.exporterSelector,
  local runbook(name) = '%s#%s' % [c.runbookUrlBase, std.asciiLower(name)],
  local remaining = '{{ with printf `salesforce_limit_remaining{org="%s",limit="%s"}` $labels.org $labels.limit | query }}{{ . | first | value | printf "%.0f" }}{{ end }}',
  local max = '{{ with printf `salesforce_limit_max{org="%s",limit="%s"}` $labels.org $labels.limit | query }}{{ . | first | value | printf "%.0f" }}{{ end }}',
  local threshold(severity) = '{{ with printf `org_limit_severity:salesforce_limit_usage_threshold:effective{severity="' + severity + '",instance="%s",org="%s",limit="%s"}` $labels.instance $labels.org $labels.limit | query }}{{ . | first | value | humanizePercentage }}{{ end }}',
  local alert(name, severity, expr, forDuration, summary, description, extra={}) = {
    alert: name,
    expr: expr,
    labels: { severity: severity },
    annotations: {
      summary: summary,
      description: description,
      runbook_url: runbook(name),
    },
  } + (if forDuration != null then { 'for': forDuration } else {}) + extra,

  local usageAlert(name, severity, forDuration, tail) = alert(
    name,
    severity,
    |||
      org_limit:salesforce_limit_used_per_max:ratio
        > ignoring (severity)
      org_limit_severity:salesforce_limit_usage_threshold:effective{severity="%s"}
    ||| % severity,
    forDuration,
    'Salesforce org {{ $labels.org }}: {{ $labels.limit }} is {{ $value | humanizePercentage }} used',
    'Org {{ $labels.org }} has used {{ $value | humanizePercentage }} of its {{ $labels.limit }} limit (%s remaining of %s), above its %s threshold of %s.%s' % [remaining, max, severity, threshold(severity), tail],
    { keep_firing_for: c.usageKeepFiringFor },
  ),

  local failures(reason) =
    'increase(salesforce_refresh_failures_total{%s, reason=~"%s"}[%s]) > 0' % [sel, reason, c.failureWindow],

  prometheusAlerts+:: {
    groups+: [
      {
        name: 'salesforce-exporter.alerts',
        rules: [
          usageAlert('SalesforceLimitUsageWarning', 'warning', c.usageWarningFor, ''),
          usageAlert('SalesforceLimitUsageCritical', 'critical', c.usageCriticalFor,
                     ' When it runs out, the integrations that depend on it stop. The values are the last ones Salesforce reported, also while the org is failing.'),
          alert(
            'SalesforceLimitExhaustionPredicted',
            'warning',
            // Daily limits: out within 4 hours at the last hour's pace; hourly limits: within
            // 30 minutes at the last 30 minutes' pace. Only with a full window of history, only
            // once the limit is really in use, never for a limit whose alerts are switched off.
            |||
              (
                (
                  predict_linear(salesforce_limit_remaining{%(sel)s, limit=~"Daily.+"}[1h], 4 * 3600) < 0
                  and on (job, instance, org, limit)
                  salesforce_limit_remaining{%(sel)s, limit=~"Daily.+"} offset 1h
                )
                or
                (
                  predict_linear(salesforce_limit_remaining{%(sel)s, limit=~"Hourly.+"}[30m], 1800) < 0
                  and on (job, instance, org, limit)
                  salesforce_limit_remaining{%(sel)s, limit=~"Hourly.+"} offset 30m
                )
              )
              and on (job, instance, org, limit)
              (org_limit:salesforce_limit_used_per_max:ratio >= %(minUsage).2f < 1)
              and on (job, instance, org, limit)
              (org_limit_severity:salesforce_limit_usage_threshold:effective{severity="warning"} < Inf)
            ||| % { sel: sel, minUsage: c.predictionMinUsage },
            c.predictionFor,
            'Salesforce org {{ $labels.org }}: {{ $labels.limit }} will run out soon at its current pace',
            'At its recent pace, {{ $labels.limit }} in org {{ $labels.org }} runs out before it resets (%s remaining now, {{ $value | printf "%%.0f" }} predicted at the end of the look-ahead).' % remaining,
          ),
          alert(
            'SalesforceAppQuotaUsageHigh',
            'warning',
            |||
              org_limit_app:salesforce_limit_app_used_per_max:ratio
                > org_limit_app:salesforce_limit_app_usage_threshold:effective
            |||,
            c.usageWarningFor,
            'Salesforce org {{ $labels.org }}: {{ $labels.app }} has used {{ $value | humanizePercentage }} of its {{ $labels.limit }} quota',
            'In org {{ $labels.org }}, {{ $labels.app }} has used {{ $value | humanizePercentage }} of its own {{ $labels.limit }} allocation ({{ with printf `salesforce_limit_app_remaining{org="%s",limit="%s",app="%s"}` $labels.org $labels.limit $labels.app | query }}{{ . | first | value | printf "%.0f" }}{{ end }} remaining). When it runs out, only this app is refused.',
            { keep_firing_for: c.usageKeepFiringFor },
          ),
          alert(
            'SalesforceApiRequestLimitExceeded',
            'critical',
            |||
              salesforce_up{%(sel)s} == 0
              and on (job, instance, org)
              %(failures)s
            ||| % { sel: sel, failures: failures('request_limit_exceeded') },
            null,
            'Salesforce org {{ $labels.org }} refuses API calls: REQUEST_LIMIT_EXCEEDED',
            'Org {{ $labels.org }} answers /limits with REQUEST_LIMIT_EXCEEDED: its API request allocation is used up, so every integration calling its API is refused until the rolling 24-hour window frees requests. The limit panels show the last values read.',
          ),
          alert(
            'SalesforceOrgAuthFailing',
            'critical',
            |||
              salesforce_up{%(sel)s} == 0
              and on (job, instance, org)
              %(failures)s
            ||| % { sel: sel, failures: failures('auth') },
            c.authFailingFor,
            'Salesforce org {{ $labels.org }}: the exporter cannot sign in',
            'Salesforce refuses the credentials the exporter {{ $labels.instance }} uses for org {{ $labels.org }}, so its limits are no longer refreshed. The exporter\'s log and landing page quote Salesforce\'s error.',
          ),
          alert(
            'SalesforceOrgDown',
            'warning',
            |||
              salesforce_up{%(sel)s} == 0
              unless on (job, instance, org)
              (%(failures)s)
            ||| % { sel: sel, failures: failures('auth|request_limit_exceeded') },
            c.orgDownFor,
            'Salesforce org {{ $labels.org }} has not answered for %s' % c.orgDownFor,
            'The exporter {{ $labels.instance }} has had no good /limits answer from org {{ $labels.org }} for %s (network, timeout, server error, session or invalid answer), so its limits are not refreshed; the last values stay for up to max_staleness. The exporter\'s log and landing page say what happened.' % c.orgDownFor,
          ),
          alert(
            'SalesforceLimitsStale',
            'warning',
            'time() - salesforce_last_refresh_timestamp_seconds{%s} > %d\n' % [sel, c.staleAfterSeconds],
            c.staleFor,
            'Salesforce org {{ $labels.org }}: limits not refreshed for {{ $value | humanizeDuration }}',
            'The latest successful refresh of org {{ $labels.org }} on {{ $labels.instance }} was {{ $value | humanizeDuration }} ago; dashboards and alerts for it show old news.',
          ),
          alert(
            'SalesforceExporterDown',
            'critical',
            // An exporter (job, instance) none of whose targets can be scraped: its one target, or
            // with one target per org every one of them (a failed scrape of some orgs while others
            // work is SalesforceOrgScrapeFailing). One alert per exporter, with the targets' other
            // labels; none while any target of it works, also one labelled otherwise (a static
            // target beside the per-org ones during a migration). Only an instance that served
            // this exporter's metrics in the last day.
            |||
              max without (org) (up{%(sel)s}) == 0
              unless on (job, instance)
              up{%(sel)s} == 1
              and on (job, instance)
              max_over_time(salesforce_exporter_build_info{%(sel)s}[1d])
            ||| % { sel: sel },
            c.exporterDownFor,
            'salesforce-exporter {{ $labels.instance }} is down',
            'Prometheus cannot scrape the salesforce-exporter at {{ $labels.instance }} (job {{ $labels.job }}) for %s, none of its targets: no Salesforce limits are watched through it.' % c.exporterDownFor,
          ),
          alert(
            'SalesforceOrgScrapeFailing',
            'critical',
            // One target per org: this org's target fails while another target of the same
            // exporter is scraped, so the exporter serves and only this org is unwatched.
            |||
              up{%(sel)s, org!=""} == 0
              and on (job, instance)
              up{%(sel)s} == 1
            ||| % { sel: sel },
            c.orgScrapeFailingFor,
            'Salesforce org {{ $labels.org }}: Prometheus cannot scrape its target on {{ $labels.instance }}',
            'The scrape of org {{ $labels.org }} (/metrics?org={{ $labels.org }}) on the salesforce-exporter {{ $labels.instance }} has failed for %s while the exporter answers for other orgs: nothing of this org reaches Prometheus, so none of its alerts can fire. Prometheus\'s Targets page shows the error (a timeout, or 404 when the exporter behind that address does not have this org).' % c.orgScrapeFailingFor,
          ),
          alert(
            'SalesforceExporterAbsent',
            'critical',
            'absent(salesforce_exporter_build_info{%s})\n' % sel,
            c.exporterAbsentFor,
            'No salesforce-exporter metrics at all',
            'Prometheus has had no salesforce-exporter metrics (%s) for %s: the exporter is not running, it is not in the scrape configuration, or the job selector of the rules does not match it.' % [sel, c.exporterAbsentFor],
          ),
          alert(
            'SalesforceThresholdOverrideUnmatched',
            'info',
            |||
              override:salesforce_threshold_override:unmatched
              and on ()
              (count(salesforce_limit_max{%s}) > 0)
            ||| % sel,
            c.overrideUnmatchedFor,
            'Threshold override {{ $labels.override }} names an org, limit or app no exporter reports',
            'An override ({{ $labels.override }} with org="{{ $labels.org }}" limit="{{ $labels.limit }}"{{ with $labels.app }} app="{{ . }}"{{ end }}) matches nothing the exporters report: a typo, or a limit this org does not have. It changes no alert.',
          ),
        ],
      },
    ],
  },
}
