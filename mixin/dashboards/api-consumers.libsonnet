local g = import '../lib/grafana.libsonnet';
local common = import 'common.libsonnet';

function(config)
  local s = 'job=~"$job", instance=~"$instance", org=~"$org"';
  local consumers = 'org_client:salesforce_api_usage_counted_requests:sum{%s}' % s;
  local share = 'org_client:salesforce_api_usage_daily_allocation_share:ratio{%s}' % s;
  local hide = ['Time', 'job', 'instance', '__name__'];

  g.dashboard(
    'salesforce-api-consumers',
    'Salesforce limits / API consumers',
    'Who is spending the API: calls per client in the latest ApiTotalUsage event log period (daily, or hourly with Event Monitoring), each one\'s share of DailyApiRequests, its change over the period before, and the exporter\'s own share.',
    ['api'],
    config.exporterSelector,
    g.layout([
      [
        g.panel('table', 'Top clients in the latest period', 'Calls that count against the limit per client (connected app, else client name, else unknown) in the latest event log period; their share of the org\'s DailyApiRequests max (scaled to a day for hourly logs), coloured at the growing-consumer alert\'s minimum share; and the change over the period before (1.5 = 50 % more; empty until a day of history).', 'short', [
          g.target('sort_desc(topk by (org) (20, %s))' % consumers, instant=true, format='table'),
          g.target(share, instant=true, format='table', i=1),
          g.target('%s / (%s offset 1d)' % [consumers, consumers], instant=true, format='table', i=2),
        ], 16, 10) {
          fieldConfig+: {
            overrides: [
              { matcher: { id: 'byName', options: 'share of DailyApiRequests' }, properties: [{ id: 'unit', value: 'percentunit' }, { id: 'thresholds', value: g.steps(config.apiConsumerMinShare / 2, config.apiConsumerMinShare) }, { id: 'custom.cellOptions', value: { type: 'color-text' } }] },
              { matcher: { id: 'byName', options: 'change over the period before' }, properties: [{ id: 'unit', value: 'none' }, { id: 'thresholds', value: g.steps(1.2, config.apiConsumerGrowth) }, { id: 'custom.cellOptions', value: { type: 'color-text' } }] },
            ],
          },
          transformations: [
            { id: 'merge', options: {} },
            g.organize(hide, { 'Value #A': 'calls', 'Value #B': 'share of DailyApiRequests', 'Value #C': 'change over the period before' }),
          ],
        },
        g.panel('stat', "The exporter's own share", "Salesforce calls this exporter made in the last hour, at a day's pace (x 24), as a share of DailyApiRequests max. Token and API-version requests are included although Salesforce does not count them, so this is an upper bound. In the event log the exporter's calls appear under the connected app it signs in with (client name salesforce-exporter).", 'percentunit', [
          g.target('24 * sum by (org) (org:salesforce_exporter_api_requests:increase1h{%(s)s}) / on (org) max by (org) (salesforce_limit_max{%(s)s, limit="DailyApiRequests"} > 0)' % { s: s }, '{{org}}', instant=true),
        ], 8, 10),
      ],
      [
        g.panel('timeseries', 'Calls per period, by client', 'Calls that count against the limit in each event log period, per client: a step a day (or an hour), so growth shows as a taller step.', 'short', [
          g.target(consumers, '{{org}} {{client}}'),
        ], 12, 8),
        g.panel('timeseries', 'Share of the daily allocation, by client', "Each client's calls as a share of DailyApiRequests max, scaled to a day for hourly logs.", 'percentunit', [
          g.target(share, '{{org}} {{client}}'),
        ], 12, 8) { fieldConfig+: { defaults+: { thresholds: g.steps(config.apiConsumerMinShare / 2, config.apiConsumerMinShare) } } },
      ],
      [
        g.panel('table', 'By API family', 'Every client\'s calls by API family (REST, SOAP, Bulk…) and whether they count against the limit, in the latest period.', 'short', [
          g.target('sort_desc(sum by (org, client, api_family, counts_against_limit) (salesforce_api_usage_requests{%s}))' % s, instant=true, format='table'),
        ], 16, 8) { transformations: [g.organize(['Time'], { Value: 'calls' })] },
        g.panel('table', 'Period covered', 'When the latest event log period starts and how long it is (86400 s for a daily log).', 'none', [
          g.target('salesforce_api_usage_period_start_timestamp_seconds{%s} * 1000' % s, instant=true, format='table'),
          g.target('salesforce_api_usage_period_seconds{%s}' % s, instant=true, format='table', i=1),
        ], 8, 8) {
          fieldConfig+: { overrides: [{ matcher: { id: 'byName', options: 'period start' }, properties: [{ id: 'unit', value: 'dateTimeAsIso' }] }, { matcher: { id: 'byName', options: 'seconds' }, properties: [{ id: 'unit', value: 's' }] }] },
          transformations: [
            { id: 'merge', options: {} },
            g.organize(hide, { 'Value #A': 'period start', 'Value #B': 'seconds' }),
          ],
        },
      ],
    ]),
    [common.orgVariable(true)],
  )
