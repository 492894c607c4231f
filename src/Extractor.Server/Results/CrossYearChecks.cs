using Extractor.Results;
using Extractor.Schema;
using Extractor.Storage;
using Extractor.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Extractor.Server.Results;

/// <summary>
/// Across documents (DESIGN.md, Validation): this year's 二、上年结转 equals last year's 四、结转下年度继续办理 of
/// the same agency, per applicant column. Checked whenever both reports are stored, and shown on both: on the
/// later report against its carriedOver fields, on the earlier one against its carriedForward fields.
/// Computed when read, so a correction or a newly uploaded year shows at once without rewriting other documents.
/// </summary>
public sealed class CrossYearChecks(ExtractorDbContext db)
{
    public const string Prefix = "crossYear.carriedOver.";

    public async Task<List<CheckResult>> ForAsync(Document doc, CancellationToken cancellationToken)
    {
        var checks = new List<CheckResult>();
        if (doc.Status != DocumentStatus.Done || string.IsNullOrWhiteSpace(doc.Agency) || doc.Year is null)
        {
            return checks;
        }
        var year = doc.Year.Value;
        var neighbours = await db.Documents.AsNoTracking()
            .Where(d => d.Id != doc.Id && d.Status == DocumentStatus.Done && d.Agency == doc.Agency && (d.Year == year - 1 || d.Year == year + 1))
            .OrderByDescending(d => d.ProcessedAt)
            .Select(d => new { d.Id, d.Year, d.FileName })
            .ToListAsync(cancellationToken);
        var previous = neighbours.FirstOrDefault(n => n.Year == year - 1);
        var next = neighbours.FirstOrDefault(n => n.Year == year + 1);
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

    private async Task<IEnumerable<CheckResult>> PairAsync(
        Guid earlierId, int earlierYear, Guid laterId, int laterYear, bool later, string otherFile, CancellationToken ct)
    {
        var forward = await ValuesAsync(earlierId, "applications.carriedForward.", ct);
        var over = await ValuesAsync(laterId, "applications.carriedOver.", ct);
        var list = new List<CheckResult>();
        foreach (var column in Template.ApplicantColumns)
        {
            if (!forward.TryGetValue(column.Key, out var f) || !over.TryGetValue(column.Key, out var o) || f is null || o is null)
            {
                continue;
            }
            var ownPath = later ? Template.ApplicationPath("carriedOver", column.Key) : Template.ApplicationPath("carriedForward", column.Key);
            var passed = f == o;
            list.Add(new CheckResult
            {
                Id = Prefix + column.Key,
                Passed = passed,
                Fields = [ownPath],
                Message = $"{column.Label}: {laterYear} 上年结转 {o} {(passed ? "=" : "≠")} {earlierYear} 结转下年度 {f} " +
                          $"(other report: {(later ? earlierId : laterId)}, {otherFile})",
            });
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
