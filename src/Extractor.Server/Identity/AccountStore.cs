using Extractor.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Extractor.Server.Identity;

/// <summary>
/// The accounts of the web app (ASP.NET Core Identity): in the same database as the store, but in a context of
/// their own, with their own migrations and history table, so they never meet the store's migrations.
/// </summary>
public abstract class AccountDbContext(DbContextOptions options) : IdentityDbContext<IdentityUser>(options)
{
    /// <summary>The migrations history table of the accounts (the store's is <c>__ef_migrations</c>).</summary>
    public const string HistoryTable = "__identity_migrations";

    public static void ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, o => o.MigrationsHistoryTable(HistoryTable));

    public static void ConfigurePostgres(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, o => o.MigrationsHistoryTable(HistoryTable));

    public static IServiceCollection Add(IServiceCollection services, StoreProvider provider, string connectionString)
    {
        if (provider == StoreProvider.Postgres)
        {
            services.AddDbContext<AccountDbContext, PostgresAccountDbContext>(o => ConfigurePostgres(o, connectionString));
        }
        else
        {
            services.AddDbContext<AccountDbContext, SqliteAccountDbContext>(o => ConfigureSqlite(o, connectionString));
        }
        return services;
    }
}

public sealed class SqliteAccountDbContext(DbContextOptions<SqliteAccountDbContext> options) : AccountDbContext(options);

public sealed class PostgresAccountDbContext(DbContextOptions<PostgresAccountDbContext> options) : AccountDbContext(options);

/// <summary>Used by <c>dotnet ef</c> only, to generate the accounts' SQLite migrations.</summary>
public sealed class SqliteAccountDesignFactory : IDesignTimeDbContextFactory<SqliteAccountDbContext>
{
    public SqliteAccountDbContext CreateDbContext(string[] args)
    {
        var b = new DbContextOptionsBuilder<SqliteAccountDbContext>();
        AccountDbContext.ConfigureSqlite(b, "Data Source=design.db");
        return new SqliteAccountDbContext(b.Options);
    }
}

/// <summary>Used by <c>dotnet ef</c> only, to generate the accounts' PostgreSQL migrations (no server is contacted).</summary>
public sealed class PostgresAccountDesignFactory : IDesignTimeDbContextFactory<PostgresAccountDbContext>
{
    public PostgresAccountDbContext CreateDbContext(string[] args)
    {
        var b = new DbContextOptionsBuilder<PostgresAccountDbContext>();
        AccountDbContext.ConfigurePostgres(b, "Host=localhost;Database=design");
        return new PostgresAccountDbContext(b.Options);
    }
}
