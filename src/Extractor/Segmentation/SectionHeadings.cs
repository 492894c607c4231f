using System.Text.RegularExpressions;
using Extractor.Text;

namespace Extractor.Segmentation;

/// <summary>
/// The six section headings of the template and their variants seen in real reports
/// (TEMPLATE_NOTES.md): 存在的主要问题及改进情况 / …和改进措施, 收到和处理 / 行政机关收到和处理, …
/// </summary>
public static partial class SectionHeadings
{
    public static readonly IReadOnlyList<(string Key, string Numeral, string[] Keywords)> Sections =
    [
        ("overview", "一", ["总体情况"]),
        ("active", "二", ["主动公开"]),
        ("applications", "三", ["收到和处理", "依申请公开"]),
        ("reviewLitigation", "四", ["行政复议", "行政法复议", "行政诉讼"]),
        ("problems", "五", ["存在的主要问题", "存在的问题", "主要问题"]),
        ("other", "六", ["其他需要报告", "其他事项"]),
    ];

    [GeneratedRegex(@"^\s*(?<num>[一二三四五六])\s*[、.．,，]\s*(?<rest>.*)$")]
    private static partial Regex HeadingPattern();

    /// <summary>The section key of a heading line, or null.</summary>
    public static string? SectionOf(string line)
    {
        var first = line.TrimStart();
        if (line.Length > 80 || first.Length == 0 || "一二三四五六".IndexOf(first[0]) < 0)
        {
            return null;
        }
        var t = TextNormalizer.CollapseSpace(TextNormalizer.Normalize(line));
        if (t.Length > 40)
        {
            return null;
        }
        var m = HeadingPattern().Match(t);
        if (!m.Success)
        {
            return null;
        }
        var rest = m.Groups["rest"].Value.Replace(" ", "", StringComparison.Ordinal);
        foreach (var (key, numeral, keywords) in Sections)
        {
            if (m.Groups["num"].Value == numeral && keywords.Any(k => rest.Contains(k, StringComparison.Ordinal)) && !rest.Contains("申请数量") && !rest.Contains("办理结果") && !rest.Contains("结转"))
            {
                return key;
            }
        }
        return null;
    }

    public static bool IsSectionHeading(string line) => SectionOf(line) is not null;
}
