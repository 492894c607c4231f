using System.Text.RegularExpressions;
using Extractor.Mapping;
using Extractor.Mapping.Ml;
using Extractor.Model;
using Extractor.Text;

namespace Extractor.Segmentation;

/// <summary>
/// Finds the report's identity (title, agency, year), the prose of sections 一 to 六, and which
/// table rows belong to 表二, 表三 and 表四: decided by the rows' content, not by table position, so
/// that one table holding all three, or a table broken across pages, is read the same way. Where
/// no row of a table names its table (a header garbled by OCR or typos) and it starts with a header
/// rather than figures, the label model's table classifier decides, when it is sure.
/// </summary>
public static partial class Segmenter
{
    [GeneratedRegex(@"^(?:关于)?(?<agency>.*?)\s*[（(]?\s*(?<year>20\d{2})\s*[）)]?\s*年度?\s*(?:的)?\s*(?:政府)?信息公开(?:工作)?(?:情况)?(?:年度)?(?:工作)?(?:的)?(?:报告|年报)")]
    private static partial Regex TitlePattern();

    [GeneratedRegex(@"(20\d{2})\s*年\s*1\s*月\s*1\s*日")]
    private static partial Regex PeriodPattern();

    [GeneratedRegex(@"(20\d{2})\s*年")]
    private static partial Regex AnyYearPattern();

    [GeneratedRegex(@"[:：@_]")]
    private static partial Regex NoiseSeparator();

    private static readonly string[] ApplicationsKeys = ["本年新收", "上年结转", "申请人情况", "勾稽", "自然人", "予以公开", "办理结果", "结转下年度"];
    private static readonly string[] ReviewKeys = ["行政复议", "行政诉讼", "复议后起诉", "直接起诉", "未经复议"];
    private static readonly string[] ActiveKeys = ["第二十条", "信息内容", "规章", "规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费", "本年制发", "政府集中采购", "对外管理服务"];
    private static readonly string[] Template2019Keys = ["本年新制作", "本年新公开", "对外公开总数量", "上一年项目数量", "本年增/减", "采购项目数量", "政府集中采购"];

    /// <summary>How sure the table classifier must be to decide a table the words did not.</summary>
    public const double TableKindThreshold = 0.9;

    public static SegmentedReport Segment(LayoutDocument document, LabelModel? model = null)
    {
        var report = new SegmentedReport();
        FindIdentity(document, report);
        var section = (string?)null;
        var sectionText = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var region = Region.None;
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case TextBlock text:
                    var key = SectionHeadings.SectionOf(text.Text);
                    if (key is not null)
                    {
                        section = key;
                        report.Chapters.Add(key);
                        region = RegionOfSection(key);
                        continue;
                    }
                    // Before the first heading: the title and the preamble (where the statistics period is stated).
                    var into = section ?? "preamble";
                    (sectionText.TryGetValue(into, out var list) ? list : sectionText[into] = []).Add(text.Text);
                    break;
                case TableBlock table:
                    region = AssignRows(table.Table, region, report, model);
                    break;
            }
        }
        foreach (var (key, lines) in sectionText)
        {
            report.Sections[key] = string.Join("\n", lines);
        }
        if (report.Rows.Count == 0)
        {
            report.Warnings.Add("no table of the national template (表二/表三/表四) was found");
        }
        return report;
    }

    private static Region RegionOfSection(string key) => key switch
    {
        "active" => Region.Active,
        "applications" => Region.Applications,
        "reviewLitigation" => Region.ReviewLitigation,
        _ => Region.None,
    };

    /// <summary>
    /// Each row takes the region its words name; rows without such words continue the region above,
    /// unless they are a header the table classifier places elsewhere (<see cref="KindByModel"/>).
    /// </summary>
    private static Region AssignRows(Table table, Region region, SegmentedReport report, LabelModel? model)
    {
        for (var r = 0; r < table.RowCount; r++)
        {
            var text = Compact(string.Concat(table.OriginCells(r).Select(c => c.Text)));
            if (ContainsAny(text, Template2019Keys) || table.OriginCells(r).Any(c => Compact(c.Text) == "本年新"))
            {
                report.Template = "2019";
            }
            if (ContainsAny(text, ApplicationsKeys))
            {
                region = Region.Applications;
            }
            else if (ContainsAny(text, ReviewKeys))
            {
                region = Region.ReviewLitigation;
            }
            else if (ContainsAny(text, ActiveKeys))
            {
                region = Region.Active;
            }
            else if (model is not null && KindByModel(table, r, region, model, report.Warnings) is { } kind)
            {
                region = kind;
            }
            if (region != Region.None)
            {
                report.Rows.Add(new TableRow(table, r, region));
            }
        }
        return region;
    }

    /// <summary>
    /// The kind the table classifier gives a header row the words did not place: a row without a
    /// figure and without a word of 表二/表三/表四 (garbled by OCR or typos), read with the label cells
    /// of the two rows below as the table's header. Only a change to another template kind, and only
    /// when sure; a
    /// continuation across a page starts with figures and keeps the region above.
    /// </summary>
    private static Region? KindByModel(Table table, int row, Region current, LabelModel model, List<string> warnings)
    {
        // A template table has columns and figures below its header; a heading set in a one-cell table has neither.
        if (table.ColumnCount < 3 || table.OriginCells(row).Any(IsFigure)
            || !Enumerable.Range(row + 1, table.RowCount - row - 1).Any(r => table.OriginCells(r).Any(IsFigure)))
        {
            return null;
        }
        var header = string.Concat(Enumerable.Range(row, Math.Min(3, table.RowCount - row))
            .SelectMany(table.OriginCells)
            .Where(c => !IsFigure(c))
            .Select(c => c.Text));
        var shown = LabelCorpus.ModelText(header);
        if (shown.Length < 8)
        {
            return null;
        }
        var prediction = model.Predict(LabelTask.Table, header);
        Region? region = prediction.Key switch
        {
            "active" => Region.Active,
            "applications" => Region.Applications,
            "review" => Region.ReviewLitigation,
            _ => null,
        };
        if (region is null || region == current || prediction.Probability < TableKindThreshold)
        {
            return null;
        }
        warnings.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"a table header naming no table of the template (「{shown[..Math.Min(20, shown.Length)]}」) was taken for {prediction.Key} by the label model ({prediction.Probability:0.00})"));
        return region;
    }

    private static bool IsFigure(Cell cell) => CellValueParser.Parse(cell.Text).IsNumber;

    private static void FindIdentity(LayoutDocument document, SegmentedReport report)
    {
        var texts = document.Blocks.OfType<TextBlock>().Take(40).Select(b => b.Text).ToList();
        foreach (var line in texts)
        {
            var t = TextNormalizer.CollapseSpace(TextNormalizer.Normalize(line));
            var m = TitlePattern().Match(t);
            if (m.Success && t.Length <= 80)
            {
                report.Title = line.Trim();
                report.Year = int.Parse(m.Groups["year"].Value);
                var agency = CleanAgency(m.Groups["agency"].Value);
                report.Agency = agency.Length > 1 ? agency : null;
                break;
            }
        }
        report.Agency ??= AgencyFromSignature(document) ?? AgencyFromProse(texts);
        if (report.Year is null)
        {
            var all = TextNormalizer.Normalize(string.Join("\n", document.Blocks.OfType<TextBlock>().Take(60).Select(b => b.Text)));
            if (PeriodPattern().Match(all) is { Success: true } p)
            {
                report.Year = int.Parse(p.Groups[1].Value);
            }
            else if (AnyYearPattern().Match(all) is { Success: true } y)
            {
                // The first year a report names is, in the template's wording, the reporting year.
                report.Year = int.Parse(y.Groups[1].Value);
            }
        }
    }

    /// <summary>The signature at the end of a report: an agency name on its own line above the date.</summary>
    private static string? AgencyFromSignature(LayoutDocument document)
    {
        var tail = document.Blocks.OfType<TextBlock>().TakeLast(6).Select(b => TextNormalizer.Normalize(b.Text).Trim()).ToList();
        for (var i = tail.Count - 1; i >= 0; i--)
        {
            if (tail[i].Length <= 30 && AgencyPattern().Match(tail[i]) is { Success: true } m && m.Length == tail[i].Replace(" ", "", StringComparison.Ordinal).Length)
            {
                return m.Value;
            }
        }
        return null;
    }

    /// <summary>The first agency name the opening prose gives ("…西柳镇人民政府利用…").</summary>
    private static string? AgencyFromProse(List<string> texts)
    {
        foreach (var text in texts.Take(15))
        {
            var t = TextNormalizer.Normalize(text);
            if (AgencyPattern().Match(CleanAgency(t.Length > 200 ? t[..200] : t)) is { Success: true } m)
            {
                return m.Value;
            }
        }
        return null;
    }

    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}]{2,24}?(?:人民政府办公室|人民政府|街道办事处|办事处|管理委员会|委员会|管理局|办公室|局|厅)")]
    private static partial Regex AgencyPattern();

    /// <summary>Drops what precedes the agency name on mirror pages ("…官网@:西柳镇人民政府") and stray marks.</summary>
    private static string CleanAgency(string raw)
    {
        var agency = raw.Trim().Trim('《', '》', '"', '“', '”', ' ');
        var parts = NoiseSeparator().Split(agency);
        agency = parts[^1].Trim();
        agency = agency.Replace(" ", "", StringComparison.Ordinal);
        return agency.TrimStart('《').TrimEnd('》');
    }

    internal static string Compact(string text) =>
        TextNormalizer.Normalize(text).Replace(" ", "", StringComparison.Ordinal);

    private static bool ContainsAny(string text, string[] keys) => keys.Any(k => text.Contains(k, StringComparison.Ordinal));
}
