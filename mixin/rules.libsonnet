// Recording rules: usage ratios, the thresholds in force, and overrides that match nothing.
local num(x) = std.format('%.2f', x);
local labelsOf(tier, all) = std.join(', ', [
  if std.member(tier, l) then l + '!=""' else l + '=""'
  for l in all
]);

// One tier of overrides: the usage series' labels, valued with the override that names
// exactly the labels of `tier` (and, when given, the severity selector).
local tierExpr(usage, override, tier, all, extra) =
  |||
    (
      %(usage)s * 0
        + on (%(on)s) group_left
      max by (%(on)s) (%(override)s{%(labels)s%(extra)s})
    )
  ||| % {
    usage: usage,
    override: override,
    on: std.join(', ', tier),
    labels: labelsOf(tier, all),
    extra: extra,
  };

{
  local c = $._config,
  local usage = 'org_limit:salesforce_limit_used_per_max:ratio',
  local appUsage = 'org_limit_app:salesforce_limit_app_used_per_max:ratio',
  local last(metric) = 'last_over_time(%s{%s}[%s])' % [metric, c.exporterSelector, c.gapTolerance],

  // The threshold of one severity: disabled first, then org+limit, org, limit (each with its
  // own severity before an override without one), then the shipped default.
  local usageThreshold(severity) =
    local scopes = [['org', 'limit'], ['org'], ['limit']];
    local disabled = [
      |||
        (
          %(usage)s * 0
            + on (%(on)s) group_left
          max by (%(on)s) (salesforce_limit_alerts_disabled{%(labels)s} * 0 + Inf)
        )
      ||| % { usage: usage, on: std.join(', ', t), labels: labelsOf(t, ['org', 'limit']) }
      for t in [['org', 'limit'], ['limit']]
    ];
    local overrides = std.flattenArrays([
      [
        tierExpr(usage, 'salesforce_limit_usage_threshold', t, ['org', 'limit'], ', severity="%s"' % severity),
        tierExpr(usage, 'salesforce_limit_usage_threshold', t, ['org', 'limit'], ', severity=""'),
      ]
      for t in scopes
    ]);
    local perLimit = [
      '%s{limit="%s"} * 0 + %s\n' % [usage, l, num(c.usageThresholds.perLimit[l][severity])]
      for l in std.objectFields(c.usageThresholds.perLimit)
    ];
    local default = '%s * 0 + %s\n' % [usage, num(c.usageThresholds.default[severity])];
    std.join('or\n', disabled + overrides + perLimit + [default]),

  local appThreshold =
    local all = ['org', 'limit', 'app'];
    local tiers = [['org', 'limit', 'app'], ['org', 'limit'], ['org'], ['limit', 'app'], ['limit']];
    std.join('or\n', [
      tierExpr(appUsage, 'salesforce_limit_app_usage_threshold', t, all, '')
      for t in tiers
    ] + ['%s * 0 + %s\n' % [appUsage, num(c.appQuotaThreshold)]]),

  // An override whose org or limit (or app) no exporter reports: a typo, or a limit gone.
  local unmatched(override, keys) =
    local checks = [
      |||
        (
          label_replace(group by (%(keys)s) (%(override)s{%(k)s!=""}), "override", "%(override)s", "", "")
            unless on (%(k)s)
          group by (%(k)s) (%(reported)s{%(sel)s})
        )
      ||| % {
        keys: std.join(', ', keys),
        override: override,
        k: k,
        reported: if k == 'org' then 'salesforce_up'
        else if k == 'app' then 'salesforce_limit_app_max'
        else if override == 'salesforce_limit_app_usage_threshold' then 'salesforce_limit_app_max'
        else 'salesforce_limit_max',
        sel: c.exporterSelector,
      }
      for k in keys
    ];
    std.join('or\n', checks),

  prometheusRules+:: {
    groups+: [
      {
        name: 'salesforce-exporter.recording',
        rules: [
          {
            // How much of each limit is used, 0..1: (max - remaining) / max, written so that each series
            // appears once (above 1 when Remaining is negative). Limits
            // with Max 0 (feature not licensed) are left out. The last value of the past
            // gapTolerance bridges a failed scrape, so a gap does not restart alert timers.
            record: usage,
            expr: |||
              1 - %(remaining)s
                / (%(max)s > 0)
            ||| % { max: last('salesforce_limit_max'), remaining: last('salesforce_limit_remaining') },
          },
          {
            record: appUsage,
            expr: |||
              1 - %(remaining)s
                / (%(max)s > 0)
            ||| % { max: last('salesforce_limit_app_max'), remaining: last('salesforce_limit_app_remaining') },
          },
        ] + [
          {
            record: 'org_limit_severity:salesforce_limit_usage_threshold:effective',
            labels: { severity: severity },
            expr: usageThreshold(severity),
          }
          for severity in ['warning', 'critical']
        ] + [
          {
            record: 'org_limit_app:salesforce_limit_app_usage_threshold:effective',
            expr: appThreshold,
          },
          {
            // One series per override naming an org, limit or app that no exporter reports.
            record: 'override:salesforce_threshold_override:unmatched',
            expr: std.join('or\n', [
              unmatched('salesforce_limit_usage_threshold', ['org', 'limit']),
              unmatched('salesforce_limit_alerts_disabled', ['org', 'limit']),
              unmatched('salesforce_limit_app_usage_threshold', ['org', 'limit', 'app']),
            ]),
          },
          {
            // What watching the limits costs: the exporter's own Salesforce calls per org.
            record: 'org:salesforce_exporter_api_requests:increase1h',
            expr: 'sum by (job, instance, org) (increase(salesforce_exporter_api_requests_total{%s}[1h]))\n' % c.exporterSelector,
          },
        ],
      },
    ],
  },
}
