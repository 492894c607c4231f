using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;

namespace Extractor.Storage;

public enum StoreProvider { Sqlite, Postgres }

public static class StorageSetup
{
    /// <summary>Registers <see cref="ExtractorDbContext"/> on the chosen provider, with that provider's migrations.</summary>
    public static IServiceCollection AddExtractorStore(this IServiceCollection services, StoreProvider provider, string connectionString)
    {
        if (provider == StoreProvider.Postgres)
        {
            services.AddDbContext<ExtractorDbContext, PostgresExtractorDbContext>(o => ConfigurePostgres(o, connectionString));
        }
        else
        {
            services.AddDbContext<ExtractorDbContext, SqliteExtractorDbContext>(o => ConfigureSqlite(o, connectionString));
        }
        return services;
    }

    public static void ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, o => o.MigrationsHistoryTable("__ef_migrations"));

    public static void ConfigurePostgres(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, o => o.MigrationsHistoryTable("__ef_migrations"));

    /// <summary>Applies pending migrations; for SQLite also switches to WAL so readers do not block the worker.</summary>
    public static async Task MigrateAsync(ExtractorDbContext db, CancellationToken cancellationToken = default)
    {
        await db.Database.MigrateAsync(cancellationToken);
        if (db is SqliteExtractorDbContext)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}

/// <summary>Used by <c>dotnet ef</c> only, to generate the SQLite migrations.</summary>
public sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteExtractorDbContext>
{
    public SqliteExtractorDbContext CreateDbContext(string[] args)
    {
        var b = new DbContextOptionsBuilder<SqliteExtractorDbContext>();
        StorageSetup.ConfigureSqlite(b, "Data Source=design.db");
        return new SqliteExtractorDbContext(b.Options);
    }
}

/// <summary>Used by <c>dotnet ef</c> only, to generate the PostgreSQL migrations (no server is contacted).</summary>
public sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresExtractorDbContext>
{
    public PostgresExtractorDbContext CreateDbContext(string[] args)
    {
        var b = new DbContextOptionsBuilder<PostgresExtractorDbContext>();
        StorageSetup.ConfigurePostgres(b, "Host=localhost;Database=design");
        return new PostgresExtractorDbContext(b.Options);
    }
}
