using Extractor.Storage.Entities;
using Microsoft.EntityFrameworkCore;

namespace Extractor.Storage;

/// <summary>
/// The result store. One model, two providers: <see cref="SqliteExtractorDbContext"/> and
/// <see cref="PostgresExtractorDbContext"/> exist only so each provider keeps its own migrations.
/// </summary>
public abstract class ExtractorDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<StoredFile> Files => Set<StoredFile>();
    public DbSet<Batch> Batches => Set<Batch>();
    public DbSet<BatchEntry> BatchEntries => Set<BatchEntry>();
    public DbSet<Document> Documents => Set<Document>();
    public DbSet<DocumentField> Fields => Set<DocumentField>();
    public DbSet<Correction> Corrections => Set<Correction>();
    public DbSet<ReviewAction> ReviewActions => Set<ReviewAction>();
    public DbSet<RegistryAgency> RegistryAgencies => Set<RegistryAgency>();
    public DbSet<AgencyAlias> AgencyAliases => Set<AgencyAlias>();
    public DbSet<RecordChoice> RecordChoices => Set<RecordChoice>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Lower-case table names keep clear of Hangfire's own tables when both share one SQLite file.
        modelBuilder.Entity<StoredFile>(e =>
        {
            e.ToTable("stored_files");
            e.HasKey(x => x.Sha256);
            e.Property(x => x.Sha256).HasMaxLength(64);
        });
        modelBuilder.Entity<Batch>(e =>
        {
            e.ToTable("batches");
            e.Property(x => x.CreatedBy).HasMaxLength(200);
            e.HasMany(x => x.Entries).WithOne().HasForeignKey(x => x.BatchId);
        });
        modelBuilder.Entity<BatchEntry>(e =>
        {
            e.ToTable("batch_entries");
            e.Property(x => x.FileName).HasMaxLength(1000);
            e.HasIndex(x => new { x.BatchId, x.Position }).IsUnique();
            e.HasIndex(x => x.DocumentId);
            e.HasOne(x => x.Document).WithMany().HasForeignKey(x => x.DocumentId);
        });
        modelBuilder.Entity<Document>(e =>
        {
            e.ToTable("documents");
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.HasIndex(x => x.Sha256).IsUnique();
            e.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.Sha256);
            e.Property(x => x.FileName).HasMaxLength(1000);
            e.Property(x => x.Status).HasMaxLength(20);
            e.Property(x => x.Agency).HasMaxLength(500);
            e.Property(x => x.Format).HasMaxLength(20);
            e.Property(x => x.ExtractorVersion).HasMaxLength(50);
            e.Property(x => x.JobId).HasMaxLength(100);
            e.HasIndex(x => x.Status);
            e.HasIndex(x => new { x.Agency, x.Year });
            e.HasIndex(x => x.Year);
            e.Property(x => x.SignedOffBy).HasMaxLength(200);
        });
        modelBuilder.Entity<DocumentField>(e =>
        {
            e.ToTable("document_fields");
            e.HasKey(x => new { x.DocumentId, x.Path });
            e.Property(x => x.Path).HasMaxLength(100);
            e.Property(x => x.Status).HasMaxLength(20);
            e.Property(x => x.Value).HasPrecision(18, 4);
            e.HasOne<Document>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.Path, x.Status });
            e.HasIndex(x => new { x.Status, x.Confidence });
        });
        modelBuilder.Entity<Correction>(e =>
        {
            e.ToTable("corrections");
            e.Property(x => x.Path).HasMaxLength(100);
            e.Property(x => x.Who).HasMaxLength(200);
            e.Property(x => x.Reason).HasMaxLength(2000);
            e.Property(x => x.OldValue).HasPrecision(18, 4);
            e.Property(x => x.NewValue).HasPrecision(18, 4);
            e.HasOne<Document>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.DocumentId, x.Id });
        });
        modelBuilder.Entity<ReviewAction>(e =>
        {
            e.ToTable("review_actions");
            e.Property(x => x.Kind).HasMaxLength(40);
            e.Property(x => x.Path).HasMaxLength(100);
            e.Property(x => x.CheckId).HasMaxLength(200);
            e.Property(x => x.CheckMessage).HasMaxLength(2000);
            e.Property(x => x.Who).HasMaxLength(200);
            e.Property(x => x.Reason).HasMaxLength(2000);
            e.Property(x => x.Value).HasPrecision(18, 4);
            e.HasOne<Document>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(x => new { x.DocumentId, x.Id });
        });
        AnalysisModel.Configure(modelBuilder);
    }
}

public sealed class SqliteExtractorDbContext(DbContextOptions<SqliteExtractorDbContext> options) : ExtractorDbContext(options)
{
    /// <summary>SQLite keeps no time zone: every stored time is UTC, so say so when reading it back.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();

    private sealed class UtcConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
        v => v.ToUniversalTime(), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

public sealed class PostgresExtractorDbContext(DbContextOptions<PostgresExtractorDbContext> options) : ExtractorDbContext(options);
