using Extractor.Results;
using Extractor.Schema;
using Extractor.Segmentation;

namespace Extractor.Mapping;

/// <summary>
/// 表四: one row of 15 figures under a two-level header (行政复议 | 行政诉讼: 未经复议直接起诉,
/// 复议后起诉; each 结果维持 结果纠正 其他结果 尚未审结 总计), read in template order.
/// </summary>
internal static class ReviewMapper
{
    private const int Columns = 15;

    /// <summary>The template's check, used to find a stray cell or split run-together figures.</summary>
    public static bool GroupsAddUp(decimal[] v)
    {
        for (var g = 0; g < 3; g++)
        {
            var o = g * 5;
            if (v[o + 4] != v[o] + v[o + 1] + v[o + 2] + v[o + 3])
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// 表四 printed as three small tables (converted renditions): each group's five figures under a
    /// heading or label naming it (行政复议 / 未经复议直接起诉 / 复议后起诉). Joined in template order
    /// only when each group was named and printed exactly five figures.
    /// </summary>
    private static List<Model.Cell>? JoinGroups(SegmentedReport report)
    {
        var groups = new List<Model.Cell>?[3];
        var current = -1;
        foreach (var source in report.RowsOf(Region.ReviewLitigation))
        {
            var view = RowView.Build(source, null);
            var label = Rules.LabelNormalizer.Compact(view.LabelText);
            if (label.Contains("复议后起诉", StringComparison.Ordinal))
            {
                current = label.Contains("直接起诉", StringComparison.Ordinal) ? -1 : 2;
            }
            else if (label.Contains("直接起诉", StringComparison.Ordinal) || label.Contains("未经复议", StringComparison.Ordinal))
            {
                current = 1;
            }
            else if (label.Contains("行政复议", StringComparison.Ordinal) && !label.Contains("诉讼", StringComparison.Ordinal))
            {
                current = 0;
            }
            var figures = view.Values.Where(c => c.Text.Length > 0).ToList();
            if (figures.Count == 0)
            {
                continue;
            }
            if (current < 0 || groups[current] is not null || figures.Count != 5 || !figures.All(c => CellValueParser.Parse(c.Text).IsNumber))
            {
                return null;
            }
            groups[current] = figures;
            current = -1;
        }
        return groups.All(g => g is not null) ? [.. groups[0]!, .. groups[1]!, .. groups[2]!] : null;
    }

    public static void Map(SegmentedReport report, Dictionary<string, MappedField> fields, List<string> warnings)
    {
        var candidates = report.RowsOf(Region.ReviewLitigation)
            .Select(r => RowView.Build(r, null))
            .Where(v => v.Values.Count(c => c.Text.Length > 0) >= 1)
            .ToList();
        var best = candidates
            .OrderByDescending(v => v.Values.Count(c => CellValueParser.Parse(c.Text).IsNumber))
            .ThenByDescending(v => v.Values.Count)
            .FirstOrDefault();
        if (best is null)
        {
            return;
        }
        var cells = best.Values;
        if (best.Values.Count(c => CellValueParser.Parse(c.Text).IsNumber) < Columns && JoinGroups(report) is { } joined)
        {
            cells = joined;
        }
        var (values, problem) = RowValues.Resolve(cells, Columns, GroupsAddUp);
        if (problem is not null)
        {
            warnings.Add($"表四: {problem}");
        }
        var i = 0;
        foreach (var group in Template.ReviewGroups)
        {
            foreach (var (key, label) in Template.ReviewOutcomes)
            {
                var field = MappedField.From(values[i++], group.Label, label, 0.99, [Flags.LabelRule]);
                fields[Template.ReviewPath(group.Key, key)] = field;
            }
        }
    }
}
