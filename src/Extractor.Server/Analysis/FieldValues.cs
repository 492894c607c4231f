using Extractor.Server.Contracts;
using Extractor.Storage;
using Microsoft.EntityFrameworkCore;

namespace Extractor.Server.Analysis;

/// <summary>One stored figure as analysts see it.</summary>
public sealed record FieldValue(decimal? Value, string State, double Confidence);

/// <summary>Loads stored figures of many documents, in chunks so the IN list stays small on both providers.</summary>
public static class FieldValues
{
    public static async Task<Dictionary<Guid, Dictionary<string, FieldValue>>> LoadAsync(
        ExtractorDbContext db, IEnumerable<Guid> documentIds, IReadOnlyCollection<string>? paths, CancellationToken ct)
    {
        var result = new Dictionary<Guid, Dictionary<string, FieldValue>>();
        foreach (var chunk in documentIds.Distinct().Chunk(200))
        {
            var q = db.Fields.AsNoTracking().Where(f => chunk.Contains(f.DocumentId));
            if (paths is not null)
            {
                q = q.Where(f => paths.Contains(f.Path));
            }
            var rows = await q.Select(f => new { f.DocumentId, f.Path, f.Value, f.Status, f.Flags, f.Confidence }).ToListAsync(ct);
            foreach (var r in rows)
            {
                if (!result.TryGetValue(r.DocumentId, out var map))
                {
                    result[r.DocumentId] = map = new Dictionary<string, FieldValue>(StringComparer.Ordinal);
                }
                map[r.Path] = new FieldValue(Numbers.Plain(r.Value), ValueStates.Of(r.Status, r.Flags), r.Confidence);
            }
        }
        return result;
    }
}

/// <summary>A figure on which a copy and the report of record disagree.</summary>
public sealed record FieldDifference(string Path, string Label, decimal? RecordValue, decimal? CopyValue);

/// <summary>A copy of a report compared field by field with its report of record.</summary>
public sealed record CopyDifferences(Guid CopyId, Guid RecordId, IReadOnlyList<FieldDifference> Fields);

/// <summary>
/// Copies whose figures disagree with the report of record (issue 13, point 1): the same report read from its
/// web page and from its PDF should agree; where they do not, one of the readings (or the revision) is news.
/// Shown on both: the copy lists its differences, the record lists each disagreeing copy.
/// </summary>
public static class CopyComparison
{
    public static async Task<List<CopyDifferences>> CompareAsync(ExtractorDbContext db, IEnumerable<ReportGroup> groups, CancellationToken ct)
    {
        var multi = groups.Where(g => g.Record is not null && g.Copies.Count(c => c.Status == Storage.Entities.DocumentStatus.Done) > 1).ToList();
        var ids = multi.SelectMany(g => g.Copies.Where(c => c.Status == Storage.Entities.DocumentStatus.Done).Select(c => c.Id)).ToList();
        var values = await FieldValues.LoadAsync(db, ids, null, ct);
        var list = new List<CopyDifferences>();
        foreach (var g in multi)
        {
            var record = values.GetValueOrDefault(g.Record!.Id) ?? [];
            foreach (var copy in g.Copies.Where(c => c.Id != g.Record.Id && c.Status == Storage.Entities.DocumentStatus.Done))
            {
                var other = values.GetValueOrDefault(copy.Id) ?? [];
                var diffs = new List<FieldDifference>();
                foreach (var def in Extractor.Schema.Template.Fields)
                {
                    var a = record.GetValueOrDefault(def.Path)?.Value;
                    var b = other.GetValueOrDefault(def.Path)?.Value;
                    if (a != b)
                    {
                        diffs.Add(new FieldDifference(def.Path, FieldLabels.Of(def.Path), a, b));
                    }
                }
                list.Add(new CopyDifferences(copy.Id, g.Record.Id, diffs));
            }
        }
        return list;
    }
}
