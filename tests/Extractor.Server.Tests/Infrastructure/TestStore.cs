using Extractor.Storage;

namespace Extractor.Server.Tests.Infrastructure;

/// <summary>A fresh store for one test: a SQLite file in its own folder, or a new database on the test PostgreSQL.</summary>
public sealed class TestStore : IDisposable
{
    private TestStore(StoreProvider provider, string dataDirectory, string? postgres)
    {
        Provider = provider;
        DataDirectory = dataDirectory;
        Postgres = postgres;
    }

    public StoreProvider Provider { get; }
    public string DataDirectory { get; }
    public string? Postgres { get; }

    public string SqliteFile => Path.Combine(DataDirectory, "extractor.db");

    public static TestStore Sqlite() =>
        new(StoreProvider.Sqlite, Directory.CreateTempSubdirectory("extractor-test-").FullName, null);

    public static TestStore ForPostgres(string connectionString) =>
        new(StoreProvider.Postgres, Directory.CreateTempSubdirectory("extractor-test-").FullName, connectionString);

    public void Dispose()
    {
        if (Postgres is not null)
        {
            DropDatabase(Postgres);
        }
        try
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a stopping worker; the temp folder is cleaned by the system.
        }
    }

    /// <summary>Drops the test's database, so a long-lived server (EXTRACTOR_TEST_POSTGRES) does not fill up.</summary>
    private static void DropDatabase(string connectionString)
    {
        var b = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var name = b.Database!;
        b.Database = "postgres";
        b.Pooling = false;
        Npgsql.NpgsqlConnection.ClearAllPools();
        using var conn = new Npgsql.NpgsqlConnection(b.ConnectionString);
        conn.Open();
        using var cmd = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", conn);
        cmd.ExecuteNonQuery();
    }
}
