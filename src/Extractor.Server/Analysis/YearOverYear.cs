using Extractor.Schema;
using Extractor.Storage;

namespace Extractor.Server.Analysis;

/// <summary>
/// One agency's two years side by side (issue 13, point 4), the report of record of each, every field with its
/// difference, and the carry-over check: this year's 二、上年结转 against last year's 四、结转下年度继续办理, per
/// applicant column (the same check as CrossYearChecks, here across the agency's names through the registry).
/// </summary>
public static class YearOverYear
{
    public static List<AgencyYearsDto> Agencies(ReportCatalog catalog) =>
        catalog.Groups.Where(g => g.Record is not null && g.Year is not null && !g.AgencyKey.StartsWith("d:", StringComparison.Ordinal))
            .GroupBy(g => g.AgencyKey)
            .Select(g => new AgencyYearsDto(g.Key, g.First().AgencyName, g.Select(x => x.Year!.Value).Order().ToList()))
            .OrderBy(a => a.Agency, StringComparer.Ordinal)
            .ToList();

    public static async Task<CompareDto?> CompareAsync(ExtractorDbContext db, ReportCatalog catalog, string agencyKey, int from, int to, CancellationToken ct)
    {
        var groups = catalog.Groups.Where(g => g.AgencyKey == agencyKey).ToList();
        if (groups.Count == 0)
        {
            return null;
        }
        var a = groups.FirstOrDefault(g => g.Year == from)?.Record;
        var b = groups.FirstOrDefault(g => g.Year == to)?.Record;
        var ids = new[] { a?.Id, b?.Id }.Where(x => x is not null).Select(x => x!.Value);
        var values = await FieldValues.LoadAsync(db, ids, null, ct);
        var va = a is null ? [] : values.GetValueOrDefault(a.Id) ?? [];
        var vb = b is null ? [] : values.GetValueOrDefault(b.Id) ?? [];
        var cells = Template.Fields.Select(f =>
        {
            var x = va.GetValueOrDefault(f.Path);
            var y = vb.GetValueOrDefault(f.Path);
            return new CompareCellDto(f.Path, FieldLabels.Of(f.Path), x?.Value, x?.State, y?.Value, y?.State, a is not null && b is not null && x?.Value != y?.Value);
        }).ToList();
        var carry = new List<CarryOverDto>();
        if (to == from + 1)
        {
            foreach (var col in Template.ApplicantColumns)
            {
                var forward = va.GetValueOrDefault(Template.ApplicationPath("carriedForward", col.Key))?.Value;
                var over = vb.GetValueOrDefault(Template.ApplicationPath("carriedOver", col.Key))?.Value;
                carry.Add(new CarryOverDto(col.Key, col.Label, forward, over, forward is null || over is null ? null : forward == over));
            }
        }
        return new CompareDto(agencyKey, groups[0].AgencyName, from, to, a?.Id, b?.Id, cells, carry, cells.Count(c => c.Differs));
    }
}
