using System.Text.RegularExpressions;
using Extractor.Results;
using Extractor.Text;

namespace Extractor.Validation;

/// <summary>
/// The count of applications stated in 一、总体情况 (e.g. 全年共收到政府信息公开申请12件,
/// 受理依申请信息56条, 没有接到…申请) against 表三's 本年新收 总计.
/// </summary>
internal static partial class ProseCheck
{
    [GeneratedRegex(@"(?:收到|新收|受理|接收|接到)[^。，,;；：:]{0,30}?申请[^。，,;；\d]{0,12}?(\d+)\s*(?:件|条|个|份|次)")]
    private static partial Regex StatedCount();

    [GeneratedRegex(@"(?:没有|未|无)(?:收到|接到|受理|接收)[^。，,;；]{0,30}?申请")]
    private static partial Regex StatedNone();

    public static int? Stated(string? overview)
    {
        if (string.IsNullOrWhiteSpace(overview))
        {
            return null;
        }
        var text = TextNormalizer.Normalize(overview).Replace(" ", "", StringComparison.Ordinal);
        var count = StatedCount().Match(text);
        var none = StatedNone().Match(text);
        if (count.Success && (!none.Success || count.Index < none.Index))
        {
            return int.TryParse(count.Groups[1].Value, out var n) ? n : null;
        }
        return none.Success ? 0 : null;
    }

    /// <summary>The printed passage of 一、总体情况 that <see cref="Stated"/> read, or null.</summary>
    public static Passage? StatedPassage(string? overview)
    {
        if (string.IsNullOrWhiteSpace(overview))
        {
            return null;
        }
        var prose = new ProseText("overview", overview);
        var count = StatedCount().Match(prose.Text);
        var none = StatedNone().Match(prose.Text);
        var m = count.Success && (!none.Success || count.Index < none.Index) ? count : none.Success ? none : null;
        return m is null ? null : prose.Passage(m);
    }

    public static void Add(List<CheckResult> checks, string? overview, decimal? tableTotal)
    {
        var stated = Stated(overview);
        if (stated is null || tableTotal is null)
        {
            return;
        }
        var passed = stated == tableTotal;
        checks.Add(new CheckResult
        {
            Id = "prose.newReceived",
            Passed = passed,
            Fields = ["applications.newReceived.total"],
            Message = passed
                ? $"一、总体情况 states {stated} applications, as 表三 does"
                : $"一、总体情况 states {stated} applications but 表三 本年新收 总计 is {tableTotal}",
        });
    }
}
