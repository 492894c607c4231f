using Extractor.Schema;
using Extractor.Storage;
using Extractor.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Extractor.Server.Export;

/// <summary>One row per report: identity, status counts, then one column per field path in the order of fields.tsv.</summary>
public sealed record ExportTable(IReadOnlyList<string> Headers, IReadOnlyList<object?[]> Rows)
{
    private static readonly string[] FixedKeys = ["documentId", "fileName", "agency", "year", "status", "ok", "review", "missing", "failedChecks"];
    private static readonly string[] FixedZh = ["文档编号", "文件名", "机关", "年度", "状态", "确认字段数", "待复核字段数", "缺失字段数", "未通过校验数"];

    public static async Task<ExportTable> BuildAsync(ExtractorDbContext db, int? year, string? agency, bool chinese, CancellationToken ct)
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
        var ids = docs.Select(d => d.Id).ToList();
        var values = new Dictionary<Guid, Dictionary<string, decimal?>>();
        // Chunked so the IN list stays small on both providers.
        foreach (var chunk in ids.Chunk(200))
        {
            var rows = await db.Fields.AsNoTracking().Where(f => chunk.Contains(f.DocumentId))
                .Select(f => new { f.DocumentId, f.Path, f.Value }).ToListAsync(ct);
            foreach (var r in rows)
            {
                if (!values.TryGetValue(r.DocumentId, out var map))
                {
                    values[r.DocumentId] = map = new Dictionary<string, decimal?>(StringComparer.Ordinal);
                }
                map[r.Path] = Contracts.Numbers.Plain(r.Value);
            }
        }
        var headers = (chinese ? FixedZh : FixedKeys).Concat(Template.Fields.Select(f => chinese ? ZhHeader(f) : f.Path)).ToList();
        var table = docs.Select(d =>
        {
            var map = values.GetValueOrDefault(d.Id);
            var row = new object?[headers.Count];
            object?[] head = [d.Id.ToString(), d.FileName, d.Agency, d.Year, d.Status, d.OkCount, d.ReviewCount, d.MissingCount, d.FailedCheckCount];
            head.CopyTo(row, 0);
            for (var i = 0; i < Template.Fields.Count; i++)
            {
                row[FixedKeys.Length + i] = map?.GetValueOrDefault(Template.Fields[i].Path);
            }
            return row;
        }).ToList();
        return new ExportTable(headers, table);
    }

    /// <summary>The FieldDef labels: table, row and column as the template prints them.</summary>
    private static string ZhHeader(FieldDef f)
    {
        var table = f.Table switch
        {
            TemplateTable.Active => "表二",
            TemplateTable.Applications => "表三",
            _ => "表四",
        };
        return $"{table} {f.RowLabel} {f.ColumnLabel}";
    }
}
