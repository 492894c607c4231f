using Extractor.Schema;
using Extractor.Server.Analysis;
using Extractor.Storage;
using Extractor.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Extractor.Server.Export;

/// <summary>
/// GET /api/export: one row per report, identity, status counts, then one column per field path in the order of
/// fields.tsv. Each report counts once: its report of record (issue 13); <c>copies</c> lists every stored copy.
/// <see cref="States"/> gives each value's state (null for identity columns), for the XLSX marks.
/// </summary>
public sealed record ExportTable(IReadOnlyList<string> Headers, IReadOnlyList<object?[]> Rows, IReadOnlyList<string?[]> States)
{
    private static readonly string[] FixedKeys = ["documentId", "fileName", "agency", "year", "status", "ok", "review", "missing", "failedChecks"];
    private static readonly string[] FixedZh = ["文档编号", "文件名", "机关", "年度", "状态", "确认字段数", "待复核字段数", "缺失字段数", "未通过校验数"];

    public static int FixedCount => FixedKeys.Length;

    public static async Task<ExportTable> BuildAsync(ExtractorDbContext db, int? year, string? agency, bool chinese, bool allCopies, CancellationToken ct)
    {
        var q = db.Documents.AsNoTracking().Where(d => d.Status == DocumentStatus.Done || d.Status == DocumentStatus.Failed);
        if (year is not null)
        {
            q = q.Where(d => d.Year == year);
        }
        if (!string.IsNullOrWhiteSpace(agency))
        {
            q = q.Where(d => d.Agency != null && d.Agency.Contains(agency));
        }
        var docs = await q.OrderBy(d => d.Agency).ThenBy(d => d.Year).ThenBy(d => d.CreatedAt).ToListAsync(ct);
        if (!allCopies)
        {
            // A copy that is not its report's record would count the report twice; failed documents stay listed.
            var catalog = await ReportCatalog.LoadAsync(db, ct);
            docs = docs.Where(d => d.Status == DocumentStatus.Failed || catalog.ByDocument.GetValueOrDefault(d.Id)?.Record?.Id == d.Id).ToList();
        }
        var values = await FieldValues.LoadAsync(db, docs.Select(d => d.Id), null, ct);
        var headers = (chinese ? FixedZh : FixedKeys).Concat(Template.Fields.Select(f => chinese ? FieldLabels.WithTable(f) : f.Path)).ToList();
        var rows = new List<object?[]>();
        var states = new List<string?[]>();
        foreach (var d in docs)
        {
            var map = values.GetValueOrDefault(d.Id);
            var row = new object?[headers.Count];
            var state = new string?[headers.Count];
            object?[] head = [d.Id.ToString(), d.FileName, d.Agency, d.Year, d.Status, d.OkCount, d.ReviewCount, d.MissingCount, d.FailedCheckCount];
            head.CopyTo(row, 0);
            for (var i = 0; i < Template.Fields.Count; i++)
            {
                var v = map?.GetValueOrDefault(Template.Fields[i].Path);
                row[FixedKeys.Length + i] = v?.Value;
                state[FixedKeys.Length + i] = v?.State;
            }
            rows.Add(row);
            states.Add(state);
        }
        return new ExportTable(headers, rows, states);
    }
}
