using Microsoft.EntityFrameworkCore;

namespace Extractor.Storage.Entities;

/// <summary>
/// An agency of the registry (issue 13): who is expected to report, where it sits (省 › 市 › 县 › 乡镇) and at
/// which level. Reports name agencies in many ways (卷硐镇, 卷硐镇人民政府): those names are its aliases.
/// </summary>
public sealed class RegistryAgency
{
    public Guid Id { get; set; }
    public required string Name { get; set; }

    /// <summary><see cref="Name"/> normalised for matching (NFKC, no whitespace); unique.</summary>
    public required string NormalizedName { get; set; }

    public string Province { get; set; } = "";
    public string City { get; set; } = "";
    public string County { get; set; } = "";
    public string Township { get; set; } = "";

    /// <summary>Free text as the county office uses it: 省级, 市级, 县级, 乡镇级, 部门 …</summary>
    public string Level { get; set; } = "";

    public DateTime CreatedAt { get; set; }
    public List<AgencyAlias> Aliases { get; set; } = [];
}

/// <summary>Another name of a registry agency, as reports print it.</summary>
public sealed class AgencyAlias
{
    public long Id { get; set; }
    public Guid AgencyId { get; set; }
    public required string Alias { get; set; }

    /// <summary>Normalised like <see cref="RegistryAgency.NormalizedName"/>; unique across aliases.</summary>
    public required string NormalizedAlias { get; set; }
}

/// <summary>
/// An auditor's choice of the report of record among the copies of one agency-year (the latest choice of a
/// group wins). Never deleted, so the choice is part of the audit trail.
/// </summary>
public sealed class RecordChoice
{
    public long Id { get; set; }
    public Guid DocumentId { get; set; }
    public string Reason { get; set; } = "";
    public required string Who { get; set; }
    public DateTime At { get; set; }
}

/// <summary>The analysis tables' mapping, kept beside their entities so the context gains one line.</summary>
public static class AnalysisModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<RegistryAgency>(e =>
        {
            e.ToTable("registry_agencies");
            e.Property(x => x.Name).HasMaxLength(500);
            e.Property(x => x.NormalizedName).HasMaxLength(500);
            e.HasIndex(x => x.NormalizedName).IsUnique();
            e.Property(x => x.Province).HasMaxLength(200);
            e.Property(x => x.City).HasMaxLength(200);
            e.Property(x => x.County).HasMaxLength(200);
            e.Property(x => x.Township).HasMaxLength(200);
            e.Property(x => x.Level).HasMaxLength(50);
            e.HasMany(x => x.Aliases).WithOne().HasForeignKey(x => x.AgencyId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<AgencyAlias>(e =>
        {
            e.ToTable("agency_aliases");
            e.Property(x => x.Alias).HasMaxLength(500);
            e.Property(x => x.NormalizedAlias).HasMaxLength(500);
            e.HasIndex(x => x.NormalizedAlias).IsUnique();
        });
        modelBuilder.Entity<RecordChoice>(e =>
        {
            e.ToTable("record_choices");
            e.Property(x => x.Who).HasMaxLength(200);
            e.Property(x => x.Reason).HasMaxLength(2000);
            e.HasOne<Document>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => x.DocumentId);
        });
    }
}
