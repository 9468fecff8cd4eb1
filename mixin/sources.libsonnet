// Rules and alerts for the sources beyond /limits: licences, usage-based entitlements and the
// API consumers of the ApiTotalUsage event log.
local num(x) = std.format('%.2f', x);
local labelsOf(tier, all) = std.join(', ', [
  if std.member(tier, l) then l + '!=""' else l + '=""'
  for l in all
]);

{
  local c = $._config,
  local sel = c.exporterSelector,
  local runbook(name) = '%s#%s' % [c.runbookUrlBase, std.asciiLower(name)],
  local last(metric) = 'last_over_time(%s{%s}[%s])' % [metric, sel, c.gapTolerance],
  local licenseUsage = 'org_license:salesforce_license_used_per_max:ratio',
  local entitlementUsage = 'org_entitlement:salesforce_entitlement_used_per_allowed:ratio',
  local consumers = 'org_client:salesforce_api_usage_counted_requests:sum',
  local consumerShare = 'org_client:salesforce_api_usage_daily_allocation_share:ratio',

  // An override naming exactly the labels of `tier`, applied to every series of `usage`.
  local tierExpr(usage, override, tier, all, extra) =
    |||
      (
        %(usage)s * 0
          + on (%(on)s) group_left
        max by (%(on)s) (%(override)s{%(labels)s%(extra)s})
      )
    ||| % { usage: usage, override: override, on: std.join(', ', tier), labels: labelsOf(tier, all), extra: extra },

  // Most specific first: org + name, org, name; a severity-specific override before one for
  // both severities; then the shipped default.
  local threshold(usage, override, key, severity, default) =
    local tiers = [['org', key], ['org'], [key]];
    std.join('or\n', std.flattenArrays([
      [
        tierExpr(usage, override, t, ['org', key], if severity == null then '' else ', severity="%s"' % severity),
      ] + (if severity == null then [] else [tierExpr(usage, override, t, ['org', key], ', severity=""')])
      for t in tiers
    ]) + ['%s * 0 + %s\n' % [usage, num(default)]]),

  local alert(name, severity, expr, forDuration, summary, description) = {
    alert: name,
    expr: expr,
    'for': forDuration,
    labels: { severity: severity },
    annotations: { summary: summary, description: description, runbook_url: runbook(name) },
  },

  prometheusRules+:: {
    groups+: [
      {
        name: 'salesforce-exporter.sources',
        rules: [
          {
            // Used licences of a type, 0..1 (types with a total of 0 left out).
            record: licenseUsage,
            expr: '%s\n  / (%s > 0)\n' % [last('salesforce_license_used'), last('salesforce_license_max')],
          },
        ] + [
          {
            record: 'org_license_severity:salesforce_license_usage_threshold:effective',
            labels: { severity: severity },
            expr: threshold(licenseUsage, 'salesforce_license_usage_threshold', 'license', severity, c.licenseThresholds[severity]),
          }
          for severity in ['warning', 'critical']
        ] + [
          {
            // Used amount of an entitlement per its allowed amount; unmetered ones are absent.
            record: entitlementUsage,
            expr: '%s\n  / (%s > 0)\n' % [last('salesforce_entitlement_used'), last('salesforce_entitlement_allowed')],
          },
          {
            record: 'org_entitlement:salesforce_entitlement_usage_threshold:effective',
            expr: threshold(entitlementUsage, 'salesforce_entitlement_usage_threshold', 'entitlement', null, c.entitlementThreshold),
          },
          {
            // Calls per client that count against the limit, in the latest event log period.
            record: consumers,
            expr: 'sum by (job, instance, org, client) (salesforce_api_usage_requests{%s, counts_against_limit="true"})\n' % sel,
          },
          {
            // The same as a share of the org's daily allocation, scaled to a day for hourly logs.
            record: consumerShare,
            expr: |||
              %(consumers)s
                / on (job, instance, org) group_left ()
              salesforce_api_usage_period_seconds{%(sel)s} * 86400
                / on (job, instance, org) group_left ()
              (salesforce_limit_max{%(sel)s, limit="DailyApiRequests"} > 0)
            ||| % { consumers: consumers, sel: sel },
          },
        ],
      },
    ],
  },

  prometheusAlerts+:: {
    groups+: [
      {
        name: 'salesforce-exporter.sources.alerts',
        rules: [
          alert(
            'SalesforceLicensesNearlyExhausted',
            severity,
            |||
              %(usage)s
                >= ignoring (severity)
              org_license_severity:salesforce_license_usage_threshold:effective{severity="%(severity)s"}
            ||| % { usage: licenseUsage, severity: severity },
            c.licenseFor,
            'Salesforce org {{ $labels.org }}: {{ $value | humanizePercentage }} of {{ $labels.license }} licences are used',
            'Org {{ $labels.org }} uses {{ $value | humanizePercentage }} of its {{ $labels.license }} ({{ $labels.type }}) licences. When none are left, new users cannot be given this licence (and permission set licences cannot be assigned) until licences are freed or bought.',
          )
          for severity in ['warning', 'critical']
        ] + [
          alert(
            'SalesforceSourceDown',
            'warning',
            'salesforce_source_up{%s, source!="limits"} == 0\n' % sel,
            c.sourceDownFor,
            'Salesforce org {{ $labels.org }}: the {{ $labels.source }} source has failed for %s' % c.sourceDownFor,
            'The exporter {{ $labels.instance }} has had no good answer from the {{ $labels.source }} source of org {{ $labels.org }} for %s, so its figures (and the alerts on them) go quiet once they are older than max_staleness. The exporter log names the reason, often a permission to grant.' % c.sourceDownFor,
          ),
          alert(
            'SalesforceEntitlementOverAllowed',
            'warning',
            |||
              %(usage)s
                > org_entitlement:salesforce_entitlement_usage_threshold:effective
            ||| % { usage: entitlementUsage },
            c.entitlementFor,
            'Salesforce org {{ $labels.org }}: {{ $labels.entitlement }} is at {{ $value | humanizePercentage }} of what is allowed',
            'Org {{ $labels.org }} has used {{ $value | humanizePercentage }} of its {{ $labels.frequency }} {{ $labels.entitlement }} entitlement (Setup → Company Information → Usage-based Entitlements). Above the allowed amount Salesforce may block the feature or bill overage.',
          ),
          alert(
            'SalesforceApiConsumerGrowing',
            'warning',
            // Daily logs compare with the day before, hourly logs with the hour before.
            |||
              (
                %(share)s >= %(minShare)s
              )
              and
              (
                (
                  %(consumers)s
                    >= %(growth)s * (%(consumers)s offset 1d)
                  and on (job, instance, org) (salesforce_api_usage_period_seconds{%(sel)s} == 86400)
                )
                or
                (
                  %(consumers)s
                    >= %(growth)s * (%(consumers)s offset 1h)
                  and on (job, instance, org) (salesforce_api_usage_period_seconds{%(sel)s} == 3600)
                )
                or
                # A client that made no counted calls in the period before, while the org had a
                # log then, grew from nothing.
                (
                  %(consumers)s unless on (job, instance, org, client) (%(consumers)s offset 1d)
                  and on (job, instance, org) (salesforce_api_usage_period_seconds{%(sel)s} offset 1d == 86400)
                )
              )
            ||| % { share: consumerShare, consumers: consumers, sel: sel, minShare: num(c.apiConsumerMinShare), growth: num(c.apiConsumerGrowth) },
            c.apiConsumerFor,
            'Salesforce org {{ $labels.org }}: {{ $labels.client }} uses {{ $value | humanizePercentage }} of the daily API allocation and is growing',
            '{{ $labels.client }} made {{ with printf `org_client:salesforce_api_usage_counted_requests:sum{org=%q,client=%q}` $labels.org $labels.client | query }}{{ . | first | value | printf "%.0f" }}{{ end }} API calls counted against the limit in the latest event log period of org {{ $labels.org }}, at least '
            + std.format('%.0f', (c.apiConsumerGrowth - 1) * 100)
            + ' % more than the period before, and that is {{ $value | humanizePercentage }} of DailyApiRequests. At this pace it will crowd out the other integrations.',
          ),
        ],
      },
    ],
  },
}
