using Extractor.Storage.Entities;

namespace Extractor.Server.Analysis;

/// <summary>
/// Who has reported (issue 13, point 5): every registry agency of a region for one year, with the state of its
/// report, what a county office checks before the publication deadline.
/// </summary>
public static class Coverage
{
    public const string NotReceived = "notReceived";
    public const string Processing = "processing";
    public const string Failed = "failed";
    public const string InReview = "inReview";
    public const string SignedOff = "signedOff";

    public static readonly IReadOnlyList<string> States = [NotReceived, Processing, Failed, InReview, SignedOff];

    public static string Chinese(string state) => state switch
    {
        NotReceived => "未收到",
        Processing => "处理中",
        Failed => "提取失败",
        InReview => "审核中",
        SignedOff => "已签核",
        _ => state,
    };

    public static CoverageDto For(ReportCatalog catalog, int year, string? region, string? level)
    {
        var filter = RegionPath.ParseFilter(region);
        var lvl = string.IsNullOrWhiteSpace(level) ? null : level.Trim();
        var byAgency = catalog.Groups.Where(g => g.Agency is not null && g.Year == year).ToDictionary(g => g.Agency!.Id);
        var rows = new List<CoverageRowDto>();
        foreach (var a in catalog.Registry.Agencies)
        {
            var path = RegistryIndex.RegionOf(a);
            if (!path.Matches(filter) || (lvl is not null && a.Level != lvl))
            {
                continue;
            }
            var g = byAgency.GetValueOrDefault(a.Id);
            var state = StateOf(g);
            var doc = g?.Record ?? g?.Copies.FirstOrDefault();
            rows.Add(new CoverageRowDto(a.Id, a.Name, path.ToString(), a.Level, state, Chinese(state), doc?.Id, doc?.FileName,
                g?.Copies.Count ?? 0, g?.Record?.ReviewCount ?? 0, g?.Record?.SignedOffAt));
        }
        var counts = States.ToDictionary(s => s, s => rows.Count(r => r.State == s));
        return new CoverageDto(year, string.Join(RegionPath.Separator, filter), lvl, counts, rows);
    }

    private static string StateOf(ReportGroup? g)
    {
        if (g is null || g.Copies.Count == 0)
        {
            return NotReceived;
        }
        if (g.Record is not null)
        {
            return g.Record.SignedOffAt is not null ? SignedOff : InReview;
        }
        return g.Copies.Any(c => c.Status is DocumentStatus.Queued or DocumentStatus.Processing) ? Processing : Failed;
    }
}
