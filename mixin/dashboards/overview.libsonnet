local g = import '../lib/grafana.libsonnet';
local common = import 'common.libsonnet';

function(config)
  local s = 'job=~"$job", instance=~"$instance", org=~"$org"';
  local usage = 'org_limit:salesforce_limit_used_per_max:ratio{%s}' % s;
  // Each org and limit counted once, also when two exporters or scrape jobs report it.
  local over(severity) = 'count(group by (org, limit) (%s > ignoring (severity) org_limit_severity:salesforce_limit_usage_threshold:effective{%s, severity="%s"})) or vector(0)' % [usage, s, severity];
  local stat(title, description, expr, unit='none', red=null) =
    g.panel('stat', title, description, unit, [g.target(expr, instant=true)], 4, 4)
    + (if red == null then {} else { fieldConfig+: { defaults+: { thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'red', value: red }] } } } });

  g.dashboard(
    'salesforce-overview',
    'Salesforce limits / Overview',
    'Every watched Salesforce org at a glance: the limits closest to their caps, when API requests run out, orgs down.',
    ['overview'],
    config.exporterSelector,
    g.layout([
      [
        stat('Orgs watched', 'How many orgs the selected exporters watch, each counted once (also while two exporters or scrape jobs report it, as during a migration), including those whose own target cannot be scraped.', 'count(group by (org) (salesforce_up{%(s)s} or up{%(s)s, org!=""}))' % { s: s }),
        stat('Orgs down', 'Orgs whose latest /limits refresh failed (salesforce_up == 0; their limits show the last values read) or, with one target per org, whose target Prometheus cannot scrape. The exporter health dashboard says why.', 'count(max by (org) (%s) == 0) or vector(0)' % common.orgUp(s), red=1),
        stat('Limits over warning threshold', 'Limits used beyond the warning threshold in force for them (60 % for DailyApiRequests, 80 % otherwise, unless overridden).', over('warning'), red=1),
        stat('Limits over critical threshold', 'Limits used beyond the critical threshold in force for them (80 % for DailyApiRequests, 95 % otherwise, unless overridden).', over('critical'), red=1),
        g.panel('stat', 'Salesforce API calls by the exporter, per day', "What watching costs: the exporter's own Salesforce calls per day at the current rate, all selected orgs.", 'short', [
          g.target('sum(rate(salesforce_exporter_api_requests_total{%s}[$__rate_interval])) * 86400' % s, instant=true),
        ], 8, 4),
      ],
      [
        common.limitsTable(
          'Limits closest to their caps, now',
          'One row per org and limit, fullest first: used = (max - remaining) / max now, the warning and critical thresholds in force (Infinity: alerts off for it), and the state they give. Limits with max 0 are left out. Click an org for its detail.',
          s, 16, 12, true,
        ),
        g.panel('bargauge', 'DailyApiRequests: time to exhaustion', 'How long each org\'s remaining DailyApiRequests last at the net pace of the last hour (remaining / consumption per second). 1 day means it does not run out within a day at this pace.', 's', [
          g.target(common.timeToExhaustion(s), '{{org}}', instant=true),
        ], 8, 12) {
          fieldConfig+: { defaults+: { thresholds: common.timeThresholds, min: 0, max: 86400 } },
          options: { orientation: 'horizontal', displayMode: 'basic', showUnfilled: true },
        },
      ],
      [
        g.panel('table', 'Org status', 'Each org: up when its latest /limits refresh succeeded; down when it failed or, with one target per org, when Prometheus cannot scrape its target (SalesforceOrgScrapeFailing). Click an org for its detail.', 'none', [
          g.target(common.orgUp(s), instant=true, format='table'),
        ], 8, 9) {
          fieldConfig+: {
            overrides: [{
              matcher: { id: 'byName', options: 'org' },
              properties: [{ id: 'links', value: [{ title: 'Open ${__data.fields.org} in Org detail', url: '/d/salesforce-org/salesforce-limits-org-detail?var-org=${__data.fields.org}&${datasource:queryparam}&${job:queryparam}&${instance:queryparam}&${__url_time_range}' }] }],
            }, {
              matcher: { id: 'byName', options: 'up' },
              properties: [
                { id: 'custom.cellOptions', value: { type: 'color-background' } },
                { id: 'mappings', value: [{ type: 'value', options: { '0': { text: 'down', color: 'red', index: 0 }, '1': { text: 'up', color: 'green', index: 1 } } }] },
              ],
            }],
          },
          transformations: [g.organize(['Time', 'job', 'instance', '__name__'], { Value: 'up' })],
        },
        g.panel('timeseries', 'Usage over time of the 10 limits fullest now', 'Usage, (max - remaining) / max, over the time range of the ten org/limit pairs that are fullest at its end: always the same ten lines.', 'percentunit', [
          g.target('%s and on (job, instance, org, limit) topk(10, %s @ end())' % [usage, usage], '{{org}} {{limit}}'),
        ], 16, 9),
      ],
    ]),
    [common.orgVariable(true)],
  )
