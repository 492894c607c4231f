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
internal static class ActiveMapper
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
        foreach (var source in report.RowsOf(Region.Active))
        {
            var view = RowView.Build(source, null);
            if (view.Labels.Count == 0)
            {
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
            var (values, problem) = RowValues.Resolve(view.Values, label.Columns2021, null);
            if (problem is not null)
            {
                warnings.Add($"表二 row '{view.LabelText}': {problem}");
            }
            var row = Template.ActiveRows.First(r => r.Key == label.Key);
            var exact = view.Labels[^1].Length > 0 && LabelNormalizer.Compact(view.Labels[^1]) == LabelNormalizer.Compact(row.RowLabel);
            for (var c = 0; c < row.Columns.Count; c++)
            {
                var (colKey, colLabel) = row.Columns[c];
                var flags = exact ? new[] { Flags.LabelRule } : [Flags.LabelRule, Flags.LabelFuzzy];
                fields[Template.ActivePath(row, colKey)] = MappedField.From(values[c], view.LabelText, colLabel, 0.995, flags);
            }
        }
        if (is2019)
        {
            warnings.Add("表二 follows the 2019 template (国办公开办函〔2019〕60号): its figures are in extra; the 2021 表二 fields are missing");
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
