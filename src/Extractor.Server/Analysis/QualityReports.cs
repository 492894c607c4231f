using Extractor.Results;
using Extractor.Server.Results;
using Extractor.Storage;

namespace Extractor.Server.Analysis;

/// <summary>One report of record with its findings (the engine's and the server's, as served).</summary>
public sealed record ReportFindings(ReportGroup Group, CopyInfo Record, IReadOnlyList<Finding> Findings)
{
    public int Count(string severity) => Findings.Count(f => f.Severity == severity);
}

/// <summary>A report of the quality page: its counts by severity and by rule.</summary>
public sealed record QualityRowDto(
    string Agency, string Region, string Level, int? Year, Guid DocumentId, string FileName,
    int Errors, int Warnings, int Notices, IReadOnlyDictionary<string, int> Rules);

public sealed record QualityPageDto(int Reports, IReadOnlyDictionary<string, int> ReportsByRule, IReadOnlyList<QualityRowDto> Items);

/// <summary>
/// The rule pack over a selection (years, region, level, agency): each report once (its report of record) with its
/// findings; <c>rule</c> keeps the reports with a finding of that rule.
/// </summary>
public static class QualityReports
{
    public static async Task<List<ReportFindings>> LoadAsync(ExtractorDbContext db, ServerFindings findings, ReportCatalog catalog, Selection selection, string? rule, CancellationToken ct)
    {
        var list = new List<ReportFindings>();
        foreach (var g in catalog.Select(selection).Where(g => g.Record is not null))
        {
            var doc = await db.Documents.FindAsync([g.Record!.Id], ct);
            if (doc is null)
            {
                continue;
            }
            db.Entry(doc).State = Microsoft.EntityFrameworkCore.EntityState.Detached;
            var result = await findings.ResultAsync(doc, ct, catalog);
            var found = result?.Findings ?? [];
            if (rule is null || found.Any(f => f.Rule == rule))
            {
                list.Add(new ReportFindings(g, g.Record, found));
            }
        }
        return list;
    }

    public static QualityPageDto ToDto(IReadOnlyList<ReportFindings> reports) => new(
        reports.Count,
        reports.SelectMany(r => r.Findings.Select(f => f.Rule).Distinct()).GroupBy(x => x).OrderBy(x => x.Key, StringComparer.Ordinal).ToDictionary(x => x.Key, x => x.Count()),
        reports.Select(r => new QualityRowDto(r.Group.AgencyName, r.Group.Region, r.Group.Level, r.Group.Year, r.Record.Id, r.Record.FileName,
            r.Count(Validation.Severities.Error), r.Count(Validation.Severities.Warning), r.Count(Validation.Severities.Notice),
            r.Findings.GroupBy(f => f.Rule).ToDictionary(x => x.Key, x => x.Count()))).ToList());

    /// <summary>The findings as long rows: one per finding.</summary>
    public static readonly (string Key, string Zh)[] Headers =
    [
        ("agency", "机关"), ("region", "地区"), ("year", "年度"), ("documentId", "文档编号"), ("fileName", "文件名"),
        ("rule", "规则编号"), ("title", "规则名称"), ("severity", "级别"), ("message", "说明"), ("fields", "相关数字"),
    ];

    public static IEnumerable<object?[]> Rows(IReadOnlyList<ReportFindings> reports, bool chinese) =>
        reports.SelectMany(r => r.Findings.Select(f => new object?[]
        {
            r.Group.AgencyName, r.Group.Region, r.Group.Year, r.Record.Id.ToString(), r.Record.FileName, f.Rule,
            Validation.RulePack.Default.Find(f.Rule)?.Title ?? f.Rule,
            chinese ? Web.Components.FindingsPanel.SeverityZh(f.Severity) : f.Severity, f.Message, string.Join(' ', f.Fields),
        }));
}
