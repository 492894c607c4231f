using Extractor.Storage;
using Extractor.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Extractor.Server.Analysis;

/// <summary>One stored document as a copy of a report.</summary>
public sealed record CopyInfo(
    Guid Id, string FileName, string? Agency, int? Year, string Status, string? Format, DateTime CreatedAt,
    DateTime? ProcessedAt, DateTime? SignedOffAt, int ReviewCount, int FailedCheckCount);

/// <summary>
/// One report: the documents of one agency and one year (its web page, its PDF, a revised PDF …) and the one of
/// them that counts, the report of record.
/// </summary>
public sealed class ReportGroup
{
    public required string AgencyKey { get; init; }
    public required string AgencyName { get; init; }
    public RegistryAgency? Agency { get; init; }
    public int? Year { get; init; }
    public List<CopyInfo> Copies { get; } = [];
    public CopyInfo? Record { get; set; }

    /// <summary>Why the record is the record: chosen (by an auditor), signedOff (latest signed off), latest (latest extracted), none.</summary>
    public string Basis { get; set; } = RecordBasis.None;

    public RecordChoice? Choice { get; set; }

    public string Key => $"{AgencyKey}|{Year}";
    public string Region => Agency is null ? "" : RegistryIndex.RegionOf(Agency).ToString();
    public string Level => Agency?.Level ?? "";
}

public static class RecordBasis
{
    public const string Chosen = "chosen";
    public const string SignedOff = "signedOff";
    public const string Latest = "latest";
    public const string None = "none";

    public static string Chinese(string basis) => basis switch
    {
        Chosen => "审核人指定",
        SignedOff => "最近签核",
        Latest => "最近提取",
        _ => "无",
    };
}

/// <summary>What an analyst selects: years, a region (path prefix), a level, part of an agency's name.</summary>
public sealed record Selection(IReadOnlyList<int> Years, string[] Region, string? Level, string? Agency)
{
    public static Selection Parse(string? years, string? region, string? level, string? agency) =>
        new(ParseYears(years), RegionPath.ParseFilter(region), string.IsNullOrWhiteSpace(level) ? null : level.Trim(),
            string.IsNullOrWhiteSpace(agency) ? null : AgencyNames.Normalize(agency));

    /// <summary>「2023」, 「2022,2023」 or 「2021-2024」.</summary>
    public static List<int> ParseYears(string? years)
    {
        var list = new List<int>();
        foreach (var part in (years ?? "").Split([',', '，', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var range = part.Split('-', 2);
            if (range.Length == 2 && int.TryParse(range[0], out var a) && int.TryParse(range[1], out var b) && b >= a && b - a < 100)
            {
                list.AddRange(Enumerable.Range(a, b - a + 1));
            }
            else if (int.TryParse(part, out var y))
            {
                list.Add(y);
            }
            else
            {
                throw new FormatException($"years: '{part}' is not a year or a range like 2021-2024");
            }
        }
        return list.Distinct().Order().ToList();
    }

    public bool Matches(ReportGroup g)
    {
        if (Years.Count > 0 && (g.Year is null || !Years.Contains(g.Year.Value)))
        {
            return false;
        }
        if (Region.Length > 0 && (g.Agency is null || !RegistryIndex.RegionOf(g.Agency).Matches(Region)))
        {
            return false;
        }
        if (Level is not null && !string.Equals(g.Level, Level, StringComparison.Ordinal))
        {
            return false;
        }
        return Agency is null || AgencyNames.Normalize(g.AgencyName).Contains(Agency, StringComparison.Ordinal)
            || g.Copies.Any(c => AgencyNames.Normalize(c.Agency).Contains(Agency, StringComparison.Ordinal));
    }
}

/// <summary>
/// Groups every stored document into reports (agency through the registry's names and aliases, and year) and
/// picks each report's record: 1. the latest auditor's choice among its extracted copies; 2. else the latest
/// signed-off copy; 3. else the latest extracted copy. Failed and unfinished copies are never the record.
/// Built per request from small columns only (no result JSON), so a correction or a new alias shows at once.
/// </summary>
public sealed class ReportCatalog
{
    private ReportCatalog(RegistryIndex registry, List<ReportGroup> groups)
    {
        Registry = registry;
        Groups = groups;
        ByDocument = groups.SelectMany(g => g.Copies.Select(c => (c.Id, g))).ToDictionary(x => x.Id, x => x.g);
    }

    public RegistryIndex Registry { get; }
    public IReadOnlyList<ReportGroup> Groups { get; }
    public IReadOnlyDictionary<Guid, ReportGroup> ByDocument { get; }

    public IEnumerable<ReportGroup> Select(Selection s) => Groups.Where(s.Matches);

    /// <summary>The key that ties an agency's reports across years: its registry entry, else its normalised name.</summary>
    public static string KeyOf(RegistryAgency? agency, string? name) =>
        agency is not null ? "a:" + agency.Id.ToString("N") : "n:" + AgencyNames.Normalize(name);

    private static (RegistryAgency Agency, int Year)? FromFileName(RegistryIndex registry, CopyInfo d)
    {
        if (d.Status == DocumentStatus.Done)
        {
            return null;
        }
        var name = AgencyNames.Normalize(Path.GetFileNameWithoutExtension(d.FileName));
        var year = d.Year ?? (System.Text.RegularExpressions.Regex.Match(name, "(20[0-9]{2})") is { Success: true } m ? int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture) : null);
        if (year is null)
        {
            return null;
        }
        var best = registry.Agencies
            .SelectMany(a => a.Aliases.Select(x => x.NormalizedAlias).Append(a.NormalizedName).Select(n => (a, n)))
            .Where(x => x.n.Length >= 2 && name.Contains(x.n, StringComparison.Ordinal))
            .OrderByDescending(x => x.n.Length)
            .FirstOrDefault();
        return best.a is null ? null : (best.a, year.Value);
    }

    public static async Task<ReportCatalog> LoadAsync(ExtractorDbContext db, CancellationToken ct)
    {
        var registry = await RegistryIndex.LoadAsync(db, ct);
        var docs = await db.Documents.AsNoTracking()
            .Select(d => new CopyInfo(d.Id, d.FileName, d.Agency, d.Year, d.Status, d.Format, d.CreatedAt, d.ProcessedAt, d.SignedOffAt, d.ReviewCount, d.FailedCheckCount))
            .ToListAsync(ct);
        var choices = await db.RecordChoices.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
        var latestChoice = choices.GroupBy(c => c.DocumentId).ToDictionary(g => g.Key, g => g.Last());
        var groups = new Dictionary<string, ReportGroup>(StringComparer.Ordinal);
        foreach (var d in docs)
        {
            string key;
            ReportGroup? g;
            if ((string.IsNullOrWhiteSpace(d.Agency) || d.Year is null) && FromFileName(registry, d) is { } named)
            {
                // A failed extraction names no agency: the file name often does (「卷硐镇2023年报告.pdf」), so coverage shows it failed.
                var nk = $"{KeyOf(named.Agency, null)}|{named.Year}";
                if (!groups.TryGetValue(nk, out g))
                {
                    groups[nk] = g = new ReportGroup { AgencyKey = KeyOf(named.Agency, null), AgencyName = named.Agency.Name, Agency = named.Agency, Year = named.Year };
                }
                g.Copies.Add(d);
                continue;
            }
            if (string.IsNullOrWhiteSpace(d.Agency) || d.Year is null)
            {
                // Nothing says whose report it is (a failed or unfinished extraction): a report of its own.
                key = "d:" + d.Id.ToString("N");
                groups[key] = g = new ReportGroup { AgencyKey = key, AgencyName = d.Agency ?? "", Year = d.Year };
                g.Copies.Add(d);
                continue;
            }
            var agency = registry.Match(d.Agency);
            var agencyKey = KeyOf(agency, d.Agency);
            key = $"{agencyKey}|{d.Year}";
            if (!groups.TryGetValue(key, out g))
            {
                groups[key] = g = new ReportGroup { AgencyKey = agencyKey, AgencyName = agency?.Name ?? d.Agency.Trim(), Agency = agency, Year = d.Year };
            }
            g.Copies.Add(d);
        }
        foreach (var g in groups.Values)
        {
            g.Copies.Sort((a, b) => (b.ProcessedAt ?? b.CreatedAt).CompareTo(a.ProcessedAt ?? a.CreatedAt));
            var done = g.Copies.Where(c => c.Status == DocumentStatus.Done).ToList();
            var chosen = done.Select(c => latestChoice.GetValueOrDefault(c.Id)).Where(c => c is not null).MaxBy(c => c!.Id);
            if (chosen is not null)
            {
                g.Record = done.First(c => c.Id == chosen.DocumentId);
                g.Basis = RecordBasis.Chosen;
                g.Choice = chosen;
            }
            else if (done.Where(c => c.SignedOffAt is not null).MaxBy(c => c.SignedOffAt) is { } signed)
            {
                g.Record = signed;
                g.Basis = RecordBasis.SignedOff;
            }
            else if (done.Count > 0)
            {
                g.Record = done[0];
                g.Basis = RecordBasis.Latest;
            }
        }
        var ordered = groups.Values.OrderBy(g => g.AgencyName, StringComparer.Ordinal).ThenBy(g => g.Year).ToList();
        return new ReportCatalog(registry, ordered);
    }
}
