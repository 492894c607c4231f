using Extractor.Schema;
using Extractor.Storage;

namespace Extractor.Server.Analysis;

/// <summary>
/// One figure across agencies and years (issue 13, point 3), counting each report once: the value of its report of
/// record, with its state and a link to its evidence. Statistics over the values shown; with
/// <c>excludeUnconfirmed</c> the values still under review are left out of them (and counted apart).
/// </summary>
public static class Explorer
{
    /// <summary>The web page that shows a figure's evidence (issue 12's document page).</summary>
    public static string EvidenceUrl(Guid documentId, string path) => $"/documents/{documentId}?field={Uri.EscapeDataString(path)}";

    public static async Task<ExplorerDto> RunAsync(ExtractorDbContext db, ReportCatalog catalog, FieldDef field, Selection selection,
        bool excludeUnconfirmed, CancellationToken ct)
    {
        var groups = catalog.Select(selection).Where(g => g.Record is not null).ToList();
        var values = await FieldValues.LoadAsync(db, groups.Select(g => g.Record!.Id), [field.Path], ct);
        var diffs = (await CopyComparison.CompareAsync(db, groups, ct))
            .GroupBy(d => d.RecordId).ToDictionary(g => g.Key, g => g.SelectMany(d => d.Fields).Select(f => f.Path).Distinct().Count());
        var rows = groups.Select(g =>
        {
            var v = values.GetValueOrDefault(g.Record!.Id)?.GetValueOrDefault(field.Path);
            var state = v?.State ?? ValueStates.Missing;
            return new ExplorerRowDto(g.AgencyKey, g.AgencyName, g.Agency?.Id, g.Region, g.Level, g.Year, g.Record.Id, g.Record.FileName,
                v?.Value, state, ValueStates.Chinese(state), g.Copies.Count, diffs.GetValueOrDefault(g.Record.Id), g.Basis,
                EvidenceUrl(g.Record.Id, field.Path));
        }).ToList();
        return new ExplorerDto(field.Path, FieldLabels.Of(field.Path), field.Unit, selection.Years, string.Join(RegionPath.Separator, selection.Region),
            selection.Level, rows, Stats(rows, excludeUnconfirmed));
    }

    public static ExplorerStatsDto Stats(IReadOnlyList<ExplorerRowDto> rows, bool excludeUnconfirmed)
    {
        var unconfirmed = rows.Count(r => r.Value is not null && ValueStates.IsUnconfirmed(r.State));
        var counted = rows.Where(r => r.Value is not null && !(excludeUnconfirmed && ValueStates.IsUnconfirmed(r.State)))
            .Select(r => r.Value!.Value).Order().ToList();
        decimal? sum = counted.Count > 0 ? counted.Sum() : null;
        decimal? mean = counted.Count > 0 ? Math.Round(sum!.Value / counted.Count, 4) : null;
        decimal? median = counted.Count == 0 ? null
            : counted.Count % 2 == 1 ? counted[counted.Count / 2]
            : (counted[counted.Count / 2 - 1] + counted[counted.Count / 2]) / 2;
        return new ExplorerStatsDto(rows.Count, counted.Count, sum, mean, median, unconfirmed, rows.Count(r => r.Value is null), excludeUnconfirmed);
    }
}
