using Extractor.Results;
using Extractor.Schema;
using Extractor.Storage;
using Extractor.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Extractor.Server.Results;

/// <summary>
/// Across documents (docs/DESIGN.md, Validation): this year's 二、上年结转 equals last year's 四、结转下年度继续办理 of
/// the same agency, per applicant column. Checked whenever both reports are stored, and shown on both: on the
/// later report against its carriedOver fields, on the earlier one against its carriedForward fields.
/// "The same agency" goes through the registry's names and aliases (卷硐镇 and 卷硐镇人民政府 are one), and the
/// neighbouring year is that report's record (Analysis.ReportCatalog), so copies of it are not compared twice.
/// Computed when read, so a correction or a newly uploaded year shows at once without rewriting other documents.
/// </summary>
public sealed class CrossYearChecks(ExtractorDbContext db)
{
    public const string Prefix = "crossYear.carriedOver.";

    /// <summary>One compared column: the later year's 上年结转 against the earlier year's 结转下年度.</summary>
    public sealed record CarryPair(CheckResult Check, string ColumnLabel, int EarlierYear, int LaterYear, decimal CarriedOver, decimal CarriedForward, string OtherFile);

    public async Task<List<CheckResult>> ForAsync(Document doc, CancellationToken cancellationToken) =>
        (await PairsAsync(doc, null, cancellationToken)).Select(p => p.Check).ToList();

    /// <summary>The checks with the figures compared (for the rule pack's applications.carryOver findings).</summary>
    public async Task<List<CarryPair>> PairsAsync(Document doc, Analysis.ReportCatalog? catalog, CancellationToken cancellationToken)
    {
        var checks = new List<CarryPair>();
        if (doc.Status != DocumentStatus.Done || string.IsNullOrWhiteSpace(doc.Agency) || doc.Year is null)
        {
            return checks;
        }
        var year = doc.Year.Value;
        catalog ??= await Analysis.ReportCatalog.LoadAsync(db, cancellationToken);
        // The catalog has already tied the document to its agency (through the registry): use its key.
        var agencyKey = catalog.ByDocument.TryGetValue(doc.Id, out var own)
            ? own.AgencyKey
            : Analysis.ReportCatalog.KeyOf(catalog.Registry.Match(doc.Agency), doc.Agency);
        Analysis.CopyInfo? RecordOf(int y) =>
            catalog.Groups.FirstOrDefault(g => g.AgencyKey == agencyKey && g.Year == y)?.Record is { } r && r.Id != doc.Id ? r : null;
        var previous = RecordOf(year - 1);
        var next = RecordOf(year + 1);
        if (previous is not null)
        {
            checks.AddRange(await PairAsync(previous.Id, year - 1, doc.Id, year, later: true, previous.FileName, cancellationToken));
        }
        if (next is not null)
        {
            checks.AddRange(await PairAsync(doc.Id, year, next.Id, year + 1, later: false, next.FileName, cancellationToken));
        }
        return checks;
    }

    private async Task<IEnumerable<CarryPair>> PairAsync(
        Guid earlierId, int earlierYear, Guid laterId, int laterYear, bool later, string otherFile, CancellationToken ct)
    {
        var forward = await ValuesAsync(earlierId, "applications.carriedForward.", ct);
        var over = await ValuesAsync(laterId, "applications.carriedOver.", ct);
        var list = new List<CarryPair>();
        foreach (var column in Template.ApplicantColumns)
        {
            if (!forward.TryGetValue(column.Key, out var f) || !over.TryGetValue(column.Key, out var o) || f is null || o is null)
            {
                continue;
            }
            var ownPath = later ? Template.ApplicationPath("carriedOver", column.Key) : Template.ApplicationPath("carriedForward", column.Key);
            var passed = f == o;
            list.Add(new CarryPair(new CheckResult
            {
                Id = Prefix + column.Key,
                Passed = passed,
                Fields = [ownPath],
                Message = $"{column.Label}: {laterYear} 上年结转 {o} {(passed ? "=" : "≠")} {earlierYear} 结转下年度 {f} " +
                          $"(other report: {(later ? earlierId : laterId)}, {otherFile})",
            }, column.Label, earlierYear, laterYear, o.Value, f.Value, otherFile));
        }
        return list;
    }

    private async Task<Dictionary<string, decimal?>> ValuesAsync(Guid documentId, string prefix, CancellationToken ct)
    {
        var rows = await db.Fields.AsNoTracking()
            .Where(f => f.DocumentId == documentId && f.Path.StartsWith(prefix))
            .Select(f => new { f.Path, f.Value }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Path[prefix.Length..], r => r.Value, StringComparer.Ordinal);
    }
}
