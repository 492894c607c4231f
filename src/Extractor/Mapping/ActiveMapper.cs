using Extractor.Mapping.Rules;
using Extractor.Results;
using Extractor.Schema;
using Extractor.Segmentation;

namespace Extractor.Mapping;

/// <summary>
/// 表二: rows are found by their label (规章, 行政规范性文件, 行政许可, 行政处罚, 行政强制,
/// 行政事业性收费). The table has no arithmetic, so only a sure label is accepted. A 2019-template
/// 表二 (国办公开办函〔2019〕60号) means different things by its columns: its figures go to extra and
/// the 2021 fields stay missing.
/// </summary>
internal static partial class ActiveMapper
{
    private sealed record ActiveLabel(string Key, string[] Cores, int Columns2021, string[] Columns2019);

    private static readonly ActiveLabel[] Labels =
    [
        new("regulations", ["规章"], 3, ["newlyMade", "newlyPublished", "totalPublished"]),
        new("normativeDocuments", ["行政规范性文件", "规范性文件"], 3, ["newlyMade", "newlyPublished", "totalPublished"]),
        new("licensing", ["行政许可"], 1, ["previousYearItems", "changeThisYear", "decisions"]),
        new("otherExternalServices", ["其他对外管理服务事项"], 0, ["previousYearItems", "changeThisYear", "decisions"]),
        new("punishment", ["行政处罚"], 1, ["previousYearItems", "changeThisYear", "decisions"]),
        new("enforcement", ["行政强制"], 1, ["previousYearItems", "changeThisYear", "decisions"]),
        new("feesWanYuan", ["行政事业性收费"], 1, ["previousYearItems", "changeThisYear"]),
        new("centralProcurement", ["政府集中采购"], 0, ["items", "amount"]),
    ];

    public static void Map(SegmentedReport report, Dictionary<string, MappedField> fields, List<string> warnings)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var is2019 = report.Template == "2019";
        var sources = report.RowsOf(Region.Active).ToList();
        var loose = new List<(Model.Cell Cell, string Note)>();
        var short1 = new List<(RowView View, ActiveRow Row, bool Exact)>();
        for (var r = 0; r < sources.Count; r++)
        {
            var source = sources[r];
            var view = RowView.Build(source, null);
            if (view.Labels.Count == 0)
            {
                var figures = view.Values.Where(c => c.Text.Length > 0).ToList();
                if (figures.Count == 1 && CellValueParser.Parse(figures[0].Text).IsNumber)
                {
                    var next = r + 1 < sources.Count ? RowView.Build(sources[r + 1], null) : null;
                    var note = next is { Values.Count: 0, Labels.Count: 1 } && next.Labels[0].TrimStart().StartsWith('（') ? next.Labels[0] : "";
                    loose.Add((figures[0], note));
                }
                continue;
            }
            var core = LabelNormalizer.Normalize(view.Labels[^1]).Core;
            var label = Labels.FirstOrDefault(l => l.Cores.Contains(core));
            if (label is null || !seen.Add(label.Key))
            {
                continue;
            }
            if (is2019)
            {
                MapExtra(report, label, view);
                continue;
            }
            if (label.Columns2021 == 0)
            {
                continue;
            }
            var row = Template.ActiveRows.First(r => r.Key == label.Key);
            var exact = view.Labels[^1].Length > 0 && LabelNormalizer.Compact(view.Labels[^1]) == LabelNormalizer.Compact(row.RowLabel);
            if (label.Columns2021 == 3 && view.Values.Count(c => c.Text.Length > 0) == 2 && view.Values.All(c => c.Text.Length == 0 || CellValueParser.Parse(c.Text).IsNumber))
            {
                short1.Add((view, row, exact));
                continue;
            }
            var (values, problem, readings) = RowValues.ResolveWithReadings(view.Values, label.Columns2021, null);
            if (readings is not null && label.Columns2021 == 3 && ProseDecides(report, label.Key, readings) is { } stated)
            {
                values = values.Select((v, c) => new ResolvedValue(stated[c], v.Cell, 0.9, [Flags.SplitByArithmetic])).ToList();
                problem = $"{problem}; the figures the prose states leave one of them: {string.Join(" / ", stated)}";
            }
            if (problem is not null)
            {
                warnings.Add($"表二 row '{view.LabelText}': {problem}");
            }
            for (var c = 0; c < row.Columns.Count; c++)
            {
                var (colKey, colLabel) = row.Columns[c];
                var flags = exact ? new[] { Flags.LabelRule } : [Flags.LabelRule, Flags.LabelFuzzy];
                fields[Template.ActivePath(row, colKey)] = MappedField.From(values[c], view.LabelText, colLabel, 0.995, flags);
            }
        }
        PlaceLoose(short1, loose, fields, warnings);
        if (is2019)
        {
            warnings.Add("表二 follows the 2019 template (国办公开办函〔2019〕60号): its figures are in extra; the 2021 表二 fields are missing");
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<verb>制发|印发|制定|出台|新发布|发布|废止|宣布失效|失效|现行有效)[^。；;，,、\d]{0,14}?(?<n>\d+)\s*件")]
    private static partial System.Text.RegularExpressions.Regex StatedDocuments();

    /// <summary>
    /// 表二 has no arithmetic: figures run together (「77132470」) are split only where the prose states
    /// them. A clause naming the row (规章, 规范性文件) and a count after 制发/印发/出台 (本年制发),
    /// 废止/失效 (本年废止) or 现行有效 is a statement; the one reading consistent with every statement
    /// is taken, else none.
    /// </summary>
    private static decimal[]? ProseDecides(SegmentedReport report, string key, List<decimal[]> readings)
    {
        var word = key == "regulations" ? "规章" : "规范性文件";
        var prose = string.Join("。", new[] { "overview", "active" }.Select(k => report.Sections.GetValueOrDefault(k) ?? ""));
        var text = Text.TextNormalizer.Normalize(prose).Replace(" ", "", StringComparison.Ordinal);
        var stated = new decimal?[3];
        foreach (var clause in text.Split('。', '；', ';'))
        {
            if (!clause.Contains(word, StringComparison.Ordinal) || (key == "regulations" && clause.Contains("规范性文件", StringComparison.Ordinal)))
            {
                continue;
            }
            foreach (System.Text.RegularExpressions.Match m in StatedDocuments().Matches(clause))
            {
                var column = m.Groups["verb"].Value switch { "废止" or "宣布失效" or "失效" => 1, "现行有效" => 2, _ => 0 };
                stated[column] ??= decimal.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        if (stated.All(v => v is null))
        {
            return null;
        }
        var fitting = readings.Where(r => Enumerable.Range(0, 3).All(c => stated[c] is null || stated[c] == r[c])).ToList();
        return fitting.Count == 1 ? fitting[0] : null;
    }

    /// <summary>
    /// Rows of 第二十条第（一）项 printing two of their three figures, and figures printed loose outside
    /// the table (a converter moved them above it, 「22（其中修订 16 件）」): paired in order only when
    /// they are as many. A loose figure's column is the one its note names (失效/废止: 本年废止件数;
    /// 修订/制发: 本年制发件数; 现行有效: 现行有效件数); without such a note the fields stay for review with
    /// each placement as alternatives. 表二 has no arithmetic, so position decides: never ok
    /// (<see cref="Flags.LabelByPosition"/>).
    /// </summary>
    private static void PlaceLoose(List<(RowView View, ActiveRow Row, bool Exact)> rows, List<(Model.Cell Cell, string Note)> loose, Dictionary<string, MappedField> fields, List<string> warnings)
    {
        for (var k = 0; k < rows.Count; k++)
        {
            var (view, row, exact) = rows[k];
            var printed = view.Values.Where(c => c.Text.Length > 0).ToList();
            var flags = exact ? new[] { Flags.LabelRule, Flags.LabelByPosition } : [Flags.LabelRule, Flags.LabelFuzzy, Flags.LabelByPosition];
            if (loose.Count != rows.Count)
            {
                warnings.Add($"表二 row '{view.LabelText}': 2 cells for 3 columns");
                for (var c = 0; c < 3; c++)
                {
                    var (colKey, colLabel) = row.Columns[c];
                    fields[Template.ActivePath(row, colKey)] = MappedField.From(new ResolvedValue(null, null, 0, []), view.LabelText, colLabel, 0.5, flags);
                }
                continue;
            }
            var (cell, note) = loose[k];
            var compact = LabelNormalizer.Compact(note);
            int? column = compact.Contains("失效", StringComparison.Ordinal) || compact.Contains("废止", StringComparison.Ordinal) ? 1
                : compact.Contains("修订", StringComparison.Ordinal) || compact.Contains("制发", StringComparison.Ordinal) || compact.Contains("新制定", StringComparison.Ordinal) ? 0
                : compact.Contains("现行有效", StringComparison.Ordinal) ? 2 : null;
            var readings = (column is int only ? [only] : new[] { 0, 1, 2 })
                .Select(at => printed.Take(at).Append(cell).Concat(printed.Skip(at)).ToList())
                .ToList();
            warnings.Add(column is null
                ? $"表二 row '{view.LabelText}': 2 cells for 3 columns; the figure {cell.Text} printed apart from the table may be any of them: review"
                : $"表二 row '{view.LabelText}': 2 cells for 3 columns; the figure {cell.Text} printed apart from the table ({note.Trim()}) taken for its column: review");
            for (var c = 0; c < 3; c++)
            {
                var (colKey, colLabel) = row.Columns[c];
                var options = readings.Select(r => CellValueParser.Parse(r[c].Text).Value).Distinct().ToList();
                var value = options.Count == 1
                    ? new ResolvedValue(options[0], readings[0][c], 0.9, [Flags.CellRepaired])
                    : new ResolvedValue(null, null, 0, [Flags.CellRepaired, Flags.SplitAmbiguous], options.Select(o => o ?? 0).ToList());
                fields[Template.ActivePath(row, colKey)] = MappedField.From(value, view.LabelText, colLabel, 0.5, flags);
            }
        }
    }

    private static void MapExtra(SegmentedReport report, ActiveLabel label, RowView view)
    {
        report.Extra ??= new Dictionary<string, decimal?>(StringComparer.Ordinal);
        var (values, _) = RowValues.Resolve(view.Values, label.Columns2019.Length, null);
        for (var c = 0; c < label.Columns2019.Length; c++)
        {
            report.Extra[$"active2019.{label.Key}.{label.Columns2019[c]}"] = values[c].Value;
        }
    }
}
