using System.Globalization;
using System.Text.RegularExpressions;
using Extractor.Results;
using Extractor.Schema;
using Extractor.Segmentation;

namespace Extractor.Validation;

/// <summary>
/// The document-scope rules of the pack beyond the table checks: the year, the structure, and the counts the
/// prose states against the tables. All read the report as printed; the heuristic ones are warnings.
/// </summary>
public static partial class DocumentRules
{
    /// <summary>The template's chapter headings, for the messages.</summary>
    public static readonly IReadOnlyDictionary<string, string> TemplateHeadings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["overview"] = "一、总体情况",
        ["active"] = "二、主动公开政府信息情况",
        ["applications"] = "三、收到和处理政府信息公开申请情况",
        ["reviewLitigation"] = "四、政府信息公开行政复议、行政诉讼情况",
        ["problems"] = "五、存在的主要问题及改进情况",
        ["other"] = "六、其他需要报告的事项",
    };

    /// <summary>The rules that need the chapter order met while reading (not kept in a stored result).</summary>
    public static readonly IReadOnlySet<string> StructureRules = new HashSet<string>(["structure.chapters", "structure.order", "problems.empty", "other.fee"], StringComparer.Ordinal);

    private static readonly string[] BodySections = ["overview", "active", "applications", "reviewLitigation"];

    public static List<Finding> Evaluate(ExtractionResult result, RulePack pack)
    {
        var findings = new List<Finding>();
        if (result.Status == "failed")
        {
            return findings;
        }
        var prose = result.Sections.Where(s => !string.IsNullOrWhiteSpace(s.Value)).ToDictionary(s => s.Key, s => new ProseText(s.Key, s.Value), StringComparer.Ordinal);
        if (result.Report.Year is int year)
        {
            Year(findings, prose, year, pack);
        }
        if (result.ChapterOrder is { Count: > 0 } chapters)
        {
            Structure(findings, chapters, prose, pack);
        }
        ProseCounts(findings, result, prose, pack);
        return findings;
    }

    // ---- the year ----

    [GeneratedRegex(@"(20\d{2})年1月1日(?:起|开始)?(?:至|到|—|-|~|－)(?:(20\d{2})年)?12月31日")]
    private static partial Regex Period();

    [GeneratedRegex(@"(?:本年度|本年|今年|本年份)[（(](?:即)?(20\d{2})年?度?[）)]")]
    private static partial Regex ThisYearStated();

    [GeneratedRegex(@"(?<![\d至到~—－\-])(20\d{2})年度?(?:[，,]|共|全年|内|中|里)")]
    private static partial Regex YearAsSubject();

    [GeneratedRegex(@"(?:与|较|比|同|于|和|对比)$")]
    private static partial Regex ComparisonBefore();

    [GeneratedRegex(@"^(?:相比|同期|相较|比较|对比|的|底|末)")]
    private static partial Regex ComparisonAfter();

    private static void Year(List<Finding> findings, Dictionary<string, ProseText> prose, int year, RulePack pack)
    {
        var periodFound = false;
        foreach (var text in prose.Values)
        {
            foreach (Match m in Period().Matches(text.Text))
            {
                var from = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                var to = m.Groups[2].Success ? int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : from;
                if (!periodFound && (from != year || to != year))
                {
                    periodFound = true;
                    var passage = text.Passage(m);
                    findings.Add(pack.Finding("year.period", Args(("year", year), ("passage", passage.Text)), passages: [passage]));
                }
            }
        }
        foreach (var text in prose.Values)
        {
            foreach (Match m in ThisYearStated().Matches(text.Text))
            {
                var stated = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                if (stated != year)
                {
                    var passage = text.Passage(m);
                    findings.Add(pack.Finding("year.thisYear", Args(("year", year), ("stated", stated), ("passage", passage.Text)), passages: [passage]));
                }
            }
        }
        var body = new List<(int Year, Passage Passage)>();
        foreach (var key in BodySections)
        {
            if (!prose.TryGetValue(key, out var text))
            {
                continue;
            }
            foreach (Match m in YearAsSubject().Matches(text.Text))
            {
                var stated = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                if (stated == year || stated == year + 1)
                {
                    continue;
                }
                var before = text.Text[Math.Max(0, m.Index - 3)..m.Index];
                var after = text.Text[(m.Index + m.Length - 1)..Math.Min(text.Text.Length, m.Index + m.Length + 4)];
                if (ComparisonBefore().IsMatch(before) || ComparisonAfter().IsMatch(text.Text[(m.Index + 4 + 1)..]) || after.Contains("同比", StringComparison.Ordinal))
                {
                    continue;
                }
                body.Add((stated, text.Sentence(m)));
            }
        }
        if (body.Count > 0)
        {
            // One finding: the other year the body speaks of, with every passage that does.
            var first = body[0];
            findings.Add(pack.Finding("year.body", Args(("year", year), ("stated", first.Year), ("passage", Short(first.Passage.Text))), passages: body.Select(b => b.Passage)));
        }
    }

    // ---- the structure ----

    [GeneratedRegex(@"^[（(]?(?:无|暂无|没有|无。|空)[）)]?[。.]?$")]
    private static partial Regex NothingStated();

    private static void Structure(List<Finding> findings, List<string> chapters, Dictionary<string, ProseText> prose, RulePack pack)
    {
        var keys = SectionHeadings.Sections.Select(s => s.Key).ToList();
        foreach (var (key, numeral, keywords) in SectionHeadings.Sections)
        {
            // A heading run into the prose (a report converted to one line) still counts as the chapter.
            var inline = prose.Values.Any(p => keywords.Any(k => p.Text.Contains(numeral + "、" + k, StringComparison.Ordinal)
                || Regex.IsMatch(p.Text, numeral + "[、.．]" + Gap + "{0,12}" + Regex.Escape(k))));
            if (!chapters.Contains(key) && !inline)
            {
                findings.Add(pack.Finding("structure.chapters", Args(("numeral", numeral), ("heading", TemplateHeadings[key]))));
            }
        }
        var order = chapters.Distinct().ToList();
        var ranks = order.Select(k => keys.IndexOf(k)).ToList();
        if (ranks.Zip(ranks.Skip(1)).Any(p => p.First > p.Second))
        {
            findings.Add(pack.Finding("structure.order", Args(("order", string.Join(" → ", order.Select(k => TemplateHeadings[k]))))));
        }
        if (chapters.Contains("problems"))
        {
            if (!prose.TryGetValue("problems", out var problems))
            {
                findings.Add(pack.Finding("problems.empty", Args(("state", "下没有内容（或只写「无」）"))));
            }
            else if (NothingStated().IsMatch(problems.Text))
            {
                findings.Add(pack.Finding("problems.empty", Args(("state", $"只写了「{problems.Raw.Trim()}」")), passages: [problems.Passage(0, problems.Text.Length)]));
            }
        }
        if (chapters.Contains("other"))
        {
            var other = prose.GetValueOrDefault("other");
            if (other is null || !(other.Text.Contains("处理费", StringComparison.Ordinal) || other.Text.Contains("收费", StringComparison.Ordinal)))
            {
                findings.Add(pack.Finding("other.fee", Args()));
            }
        }
    }

    // ---- the counts the prose states ----

    private const string Gap = @"[^。；;，,：:、\d]";

    private sealed record StatedCount(string What, string Table, Regex Pattern, string[] Fields, string[] Sections);

    private static readonly StatedCount[] Counts =
    [
        new("上年结转的申请", "表三「上年结转」总计", new Regex(@"上年(?:度)?结转" + Gap + @"{0,10}?(\d+)(?:件|条)"), ["applications.carriedOver.total"], ["overview", "applications"]),
        new("结转下年度的申请", "表三「结转下年度继续办理」总计", new Regex(@"结转(?:至|到)?下(?:一)?年度?" + Gap + @"{0,10}?(\d+)(?:件|条)"), ["applications.carriedForward.total"], ["overview", "applications"]),
        new("办结的申请", "表三「（七）总计」总计", new Regex(@"(?<!按时|按期)办结" + Gap + @"{0,8}?(\d+)(?:件|条)"), ["applications.resultsTotal.total"], ["overview", "applications"]),
        new("予以公开的申请", "表三「（一）予以公开」总计", new Regex(@"(?<!主动|依法|不)予以公开" + Gap + @"{0,6}?(\d+)(?:件|条)"), ["applications.granted.total"], ["overview", "applications"]),
        new("部分公开的申请", "表三「（二）部分公开」总计", new Regex(@"部分公开" + Gap + @"{0,6}?(\d+)(?:件|条)"), ["applications.partiallyGranted.total"], ["overview", "applications"]),
        new("不予公开的申请", "表三「（三）不予公开」各项总计之和", new Regex(@"不予公开" + Gap + @"{0,6}?(\d+)(?:件|条)"),
            Template.ApplicationRows.Where(r => r.Key.StartsWith("denied", StringComparison.Ordinal)).Select(r => Template.ApplicationPath(r.Key, "total")).ToArray(), ["overview", "applications"]),
        new("行政复议", "表四「行政复议」总计", new Regex(@"行政复议(?:案件|申请)?" + Gap + @"{0,4}?(\d+)(?:件|起)"), ["reviewLitigation.review.total"], ["overview", "reviewLitigation"]),
        new("行政诉讼", "表四「行政诉讼」两组总计之和", new Regex(@"行政诉讼(?:案件)?" + Gap + @"{0,4}?(\d+)(?:件|起)"), ["reviewLitigation.litigationDirect.total", "reviewLitigation.litigationAfterReview.total"], ["overview", "reviewLitigation"]),
        new("制发的规范性文件", "表二「行政规范性文件 本年制发件数」", new Regex(@"(?:制发|印发|出台)" + Gap + @"{0,6}?规范性文件" + Gap + @"{0,4}?(\d+)(?:件|个|份)"), ["active.normativeDocuments.issued"], ["overview", "active"]),
        new("废止的规范性文件", "表二「行政规范性文件 本年废止件数」", new Regex(@"废止" + Gap + @"{0,6}?规范性文件" + Gap + @"{0,4}?(\d+)(?:件|个|份)"), ["active.normativeDocuments.repealed"], ["overview", "active"]),
    ];

    [GeneratedRegex(@"20\d{2}年|上年同期|去年|同比|其中")]
    private static partial Regex OtherContext();

    private static void ProseCounts(List<Finding> findings, ExtractionResult result, Dictionary<string, ProseText> prose, RulePack pack)
    {
        foreach (var count in Counts)
        {
            var values = count.Fields.Select(p => result.Fields.TryGetValue(p, out var f) ? f.Value : null).ToList();
            if (values.Any(v => v is null))
            {
                continue;
            }
            var figure = values.Sum(v => v!.Value);
            foreach (var key in count.Sections)
            {
                if (!prose.TryGetValue(key, out var text))
                {
                    continue;
                }
                var m = count.Pattern.Match(text.Text);
                if (!m.Success)
                {
                    continue;
                }
                var sentence = text.Sentence(m);
                var stated = decimal.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                // A count of another year or a comparison is not this year's figure: not compared.
                if (stated != figure && !OtherContext().IsMatch(text.Text[Math.Max(0, m.Index - 12)..m.Index]))
                {
                    findings.Add(pack.Finding("prose.tableCount", Args(("what", count.What), ("stated", stated), ("table", count.Table), ("figure", figure)),
                        count.Fields, [text.Passage(m)]));
                }
                break;
            }
        }
    }

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static Dictionary<string, object?> Args(params (string Key, object? Value)[] args) =>
        args.ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
}
