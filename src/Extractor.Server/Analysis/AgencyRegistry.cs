using Extractor.Storage;
using Extractor.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Extractor.Server.Analysis;

/// <summary>
/// Changes to the registry (issue 13, point 2): add or import agencies, add an alias, and the names found in
/// reports that match no entry, proposed with a likely entry where one differs only by a usual suffix.
/// </summary>
public sealed class AgencyRegistry(ExtractorDbContext db)
{
    public static AgencyDto ToDto(RegistryAgency a) =>
        new(a.Id, a.Name, a.Aliases.Select(x => x.Alias).Order(StringComparer.Ordinal).ToList(), a.Province, a.City, a.County, a.Township,
            RegistryIndex.RegionOf(a).ToString(), a.Level);

    public async Task<List<AgencyDto>> ListAsync(CancellationToken ct) =>
        (await RegistryIndex.LoadAsync(db, ct)).Agencies.Select(ToDto).ToList();

    /// <summary>Creates an agency, or updates the one the name already belongs to; returns an error message instead when refused.</summary>
    public async Task<(AgencyDto? Agency, string? Error)> UpsertAsync(RegistryRow row, CancellationToken ct)
    {
        var result = await ImportAsync([row], ct);
        if (result.Errors.Count > 0)
        {
            return (null, result.Errors[0]);
        }
        var index = await RegistryIndex.LoadAsync(db, ct);
        return (ToDto(index.Match(row.Name)!), null);
    }

    public async Task<ImportResultDto> ImportAsync(IReadOnlyList<RegistryRow> rows, CancellationToken ct)
    {
        var agencies = await db.RegistryAgencies.Include(a => a.Aliases).ToListAsync(ct);
        var owner = new Dictionary<string, RegistryAgency>(StringComparer.Ordinal);
        foreach (var a in agencies)
        {
            owner[a.NormalizedName] = a;
            foreach (var x in a.Aliases)
            {
                owner[x.NormalizedAlias] = a;
            }
        }
        int created = 0, updated = 0, aliases = 0;
        var errors = new List<string>();
        foreach (var row in rows)
        {
            var key = AgencyNames.Normalize(row.Name);
            if (key.Length == 0)
            {
                errors.Add($"line {row.Line}: empty name");
                continue;
            }
            if (!owner.TryGetValue(key, out var agency))
            {
                agency = new RegistryAgency { Id = Guid.NewGuid(), Name = row.Name.Trim(), NormalizedName = key, CreatedAt = DateTime.UtcNow };
                db.RegistryAgencies.Add(agency);
                agencies.Add(agency);
                owner[key] = agency;
                created++;
            }
            else
            {
                updated++;
            }
            agency.Province = Pick(row.Province, agency.Province);
            agency.City = Pick(row.City, agency.City);
            agency.County = Pick(row.County, agency.County);
            agency.Township = Pick(row.Township, agency.Township);
            agency.Level = Pick(row.Level, agency.Level);
            foreach (var alias in row.Aliases)
            {
                var ak = AgencyNames.Normalize(alias);
                if (ak.Length == 0 || ReferenceEquals(owner.GetValueOrDefault(ak), agency))
                {
                    continue;
                }
                if (owner.TryGetValue(ak, out var other))
                {
                    errors.Add($"line {row.Line}: alias 「{alias}」 already belongs to 「{other.Name}」");
                    continue;
                }
                var entity = new AgencyAlias { AgencyId = agency.Id, Alias = alias.Trim(), NormalizedAlias = ak };
                agency.Aliases.Add(entity);
                owner[ak] = agency;
                aliases++;
            }
        }
        await db.SaveChangesAsync(ct);
        return new ImportResultDto(created, updated, aliases, errors);
    }

    /// <summary>Adds <paramref name="alias"/> to agency <paramref name="id"/>; null when done, else why not.</summary>
    public async Task<string?> AddAliasAsync(Guid id, string? alias, CancellationToken ct)
    {
        var key = AgencyNames.Normalize(alias);
        if (key.Length == 0)
        {
            return "alias is empty";
        }
        var agency = await db.RegistryAgencies.Include(a => a.Aliases).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (agency is null)
        {
            return $"no agency {id} in the registry";
        }
        var index = await RegistryIndex.LoadAsync(db, ct);
        if (index.Match(alias) is { } other)
        {
            return other.Id == id ? null : $"「{alias}」 already belongs to 「{other.Name}」";
        }
        agency.Aliases.Add(new AgencyAlias { AgencyId = id, Alias = alias!.Trim(), NormalizedAlias = key });
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Agency names of extracted reports that match no registry entry, most documents first.</summary>
    public async Task<List<ProposalDto>> ProposalsAsync(CancellationToken ct)
    {
        var index = await RegistryIndex.LoadAsync(db, ct);
        var docs = await db.Documents.AsNoTracking().Where(d => d.Agency != null && d.Status == DocumentStatus.Done)
            .Select(d => new { d.Agency, d.Year }).ToListAsync(ct);
        return docs.Where(d => index.Match(d.Agency) is null)
            .GroupBy(d => AgencyNames.Normalize(d.Agency))
            .Where(g => g.Key.Length > 0)
            .Select(g =>
            {
                var name = g.GroupBy(d => d.Agency!.Trim()).MaxBy(n => n.Count())!.Key;
                var suggested = index.Suggest(name);
                return new ProposalDto(name, g.Count(), g.Where(d => d.Year is not null).Select(d => d.Year!.Value).Distinct().Order().ToList(),
                    suggested?.Id, suggested?.Name);
            })
            .OrderByDescending(p => p.Documents).ThenBy(p => p.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static string Pick(string? given, string current) => string.IsNullOrWhiteSpace(given) ? current : given.Trim();
}
