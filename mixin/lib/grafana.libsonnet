// A few constructors for Grafana panels, in the shape the shipped dashboards use.
local ds = { type: 'prometheus', uid: '${datasource}' };
local refIds = 'ABCDEFGH';

{
  target(expr, legend='__auto', instant=false, format='time_series', i=0):: {
    datasource: ds,
    expr: expr,
    refId: refIds[i],
    legendFormat: legend,
    range: !instant,
    instant: instant,
    format: format,
  },

  panel(type, title, description, unit, targets, width, height=8):: {
    type: type,
    title: title,
    description: description,
    datasource: ds,
    targets: [targets[i] { refId: refIds[i] } for i in std.range(0, std.length(targets) - 1)],
    fieldConfig: { defaults: { unit: unit }, overrides: [] },
    options: {},
    gridPos:: { w: width, h: height },
  },

  // A row header across the grid (not collapsed: the panels after it stay at the top level).
  row(title):: {
    type: 'row',
    title: title,
    collapsed: false,
    panels: [],
    gridPos:: { w: 24, h: 1 },
  },

  steps(warning, critical):: {
    mode: 'absolute',
    steps: [
      { color: 'green', value: null },
      { color: 'yellow', value: warning },
      { color: 'red', value: critical },
    ],
  },

  // Hides the label columns a table does not need.
  organize(exclude, rename={}):: {
    id: 'organize',
    options: { excludeByName: { [k]: true for k in exclude }, renameByName: rename },
  },

  // Lays out rows of panels left to right, top to bottom, with no gaps; numbers the panels.
  layout(rows)::
    local heights = [std.foldl(function(h, p) std.max(h, p.gridPos.h), row, 0) for row in rows];
    local tops = [std.foldl(function(s, h) s + h, heights[0:i], 0) for i in std.range(0, std.length(rows) - 1)];
    local placed = std.flattenArrays([
      local row = rows[r];
      [
        row[i] {
          // ::: makes the field visible again (panel() declares it hidden until placed).
          gridPos::: {
            x: std.foldl(function(s, p) s + p.gridPos.w, row[0:i], 0),
            y: tops[r],
            w: row[i].gridPos.w,
            h: heights[r],
          },
        }
        for i in std.range(0, std.length(row) - 1)
      ]
      for r in std.range(0, std.length(rows) - 1)
    ]);
    [placed[i] { id: i + 1 } for i in std.range(0, std.length(placed) - 1)],

  // "All" is allValue when given (a regex matching anything), else Grafana's list of the
  // options the query found.
  variable(name, label, query, multi=true, current={}, allValue='.+'):: {
    name: name,
    label: label,
    type: 'query',
    datasource: ds,
    query: { query: query, refId: name },
    definition: query,
    refresh: 2,
    sort: 1,
    multi: multi,
    includeAll: multi,
    current: current,
    hide: 0,
    regex: '',
    options: [],
  } + (if multi && allValue != null then { allValue: allValue } else {}),

  dashboard(uid, title, description, tags, selector, panels, extraVariables=[]):: {
    uid: uid,
    title: title,
    description: description,
    tags: ['salesforce'] + tags,
    editable: false,
    graphTooltip: 1,
    refresh: '1m',
    schemaVersion: 39,
    time: { from: 'now-24h', to: 'now' },
    timepicker: {},
    timezone: '',
    version: 1,
    weekStart: '',
    annotations: { list: [] },
    links: [{
      title: 'Salesforce dashboards',
      type: 'dashboards',
      tags: ['salesforce'],
      asDropdown: true,
      includeVars: true,
      keepTime: true,
    }],
    templating: {
      list: [
        {
          name: 'datasource',
          label: 'Data source',
          type: 'datasource',
          query: 'prometheus',
          current: {},
          hide: 0,
          refresh: 1,
          regex: '',
          options: [],
        },
        // "All" jobs are the exporter's jobs, not any job: a separate job that scrapes the
        // exporter's full /metrics too (for its JVM metrics, with one target per org) would
        // otherwise show every series twice.
        $.variable('job', 'Job', 'label_values(salesforce_exporter_build_info{%s}, job)' % selector, allValue=null),
        $.variable('instance', 'Instance', 'label_values(salesforce_exporter_build_info{job=~"$job"}, instance)'),
      ] + extraVariables,
    },
    panels: panels,
  },
}
