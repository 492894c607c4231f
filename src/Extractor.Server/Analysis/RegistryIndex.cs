using Extractor.Storage;
using Extractor.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Extractor.Server.Analysis;

/// <summary>The registry held in memory for matching: every name and alias, normalised, to its agency.</summary>
public sealed class RegistryIndex
{
    private readonly Dictionary<string, RegistryAgency> _byName = new(StringComparer.Ordinal);

    private RegistryIndex(IReadOnlyList<RegistryAgency> agencies)
    {
        Agencies = agencies;
        foreach (var a in agencies)
        {
            _byName[a.NormalizedName] = a;
            foreach (var alias in a.Aliases)
            {
                _byName.TryAdd(alias.NormalizedAlias, a);
            }
        }
    }

    public IReadOnlyList<RegistryAgency> Agencies { get; }

    public static async Task<RegistryIndex> LoadAsync(ExtractorDbContext db, CancellationToken ct) =>
        new(await db.RegistryAgencies.AsNoTracking().Include(a => a.Aliases).OrderBy(a => a.Name).ToListAsync(ct));

    /// <summary>The agency a report's name belongs to: its name or one of its aliases, compared normalised.</summary>
    public RegistryAgency? Match(string? name)
    {
        var key = AgencyNames.Normalize(name);
        return key.Length == 0 ? null : _byName.GetValueOrDefault(key);
    }

    /// <summary>A likely registry entry for an unmatched name: the same name with or without a usual suffix (人民政府 …).</summary>
    public RegistryAgency? Suggest(string name)
    {
        var key = AgencyNames.Normalize(name);
        foreach (var suffix in AgencyNames.CommonSuffixes)
        {
            if (key.EndsWith(suffix, StringComparison.Ordinal) && _byName.TryGetValue(key[..^suffix.Length], out var a))
            {
                return a;
            }
            if (_byName.TryGetValue(key + suffix, out var b))
            {
                return b;
            }
        }
        return Agencies.FirstOrDefault(a => a.NormalizedName.Length >= 2 && (key.Contains(a.NormalizedName, StringComparison.Ordinal) || a.NormalizedName.Contains(key, StringComparison.Ordinal)));
    }

    public static RegionPath RegionOf(RegistryAgency a) => new(a.Province, a.City, a.County, a.Township);
}
