using Extractor.Server.Analysis;
using Extractor.Storage;

namespace Extractor.Server.Export;

/// <summary>One report in an export: its report of record and that copy's 200 figures.</summary>
public sealed record ExportReport(ReportGroup Group, CopyInfo Record, IReadOnlyDictionary<string, FieldValue> Values);

/// <summary>The reports of a selection, each counted once (its report of record), in agency and year order.</summary>
public static class ExportReports
{
    public static async Task<List<ExportReport>> LoadAsync(ExtractorDbContext db, ReportCatalog catalog, Selection selection, CancellationToken ct)
    {
        var groups = catalog.Select(selection).Where(g => g.Record is not null).ToList();
        var values = await FieldValues.LoadAsync(db, groups.Select(g => g.Record!.Id), null, ct);
        return groups.Select(g => new ExportReport(g, g.Record!, values.GetValueOrDefault(g.Record!.Id) ?? [])).ToList();
    }

    /// <summary>Identity columns of every export, as keys and in Chinese.</summary>
    public static readonly (string Key, string Zh)[] Identity =
    [
        ("agency", "机关"), ("region", "地区"), ("level", "级别"), ("year", "年度"),
        ("documentId", "文档编号"), ("fileName", "文件名"), ("recordBasis", "记录依据"), ("copies", "副本数"),
    ];

    public static object?[] IdentityValues(ExportReport r, bool chinese) =>
    [
        r.Group.AgencyName, r.Group.Region, r.Group.Level, r.Group.Year, r.Record.Id.ToString(), r.Record.FileName,
        chinese ? RecordBasis.Chinese(r.Group.Basis) : r.Group.Basis, r.Group.Copies.Count,
    ];

    public static string StateName(string state, bool chinese) => chinese ? ValueStates.Chinese(state) : state;
}
