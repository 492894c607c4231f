using Extractor.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Extractor.Server.Tests;

/// <summary>PITFALLS.md: Hangfire.Storage.SQLite and EF Core must agree on one SQLite native library.</summary>
public sealed class SqliteStoreTests : StoreTests
{
    public SqliteStoreTests() : base(null)
    {
    }

    [Fact]
    public async Task SqliteStore_HangfireAndEfCore_ShareOneFileOnOneSqliteLine()
    {
        var store = await NewStoreAsync();
        var factory = Server(store);
        var client = factory.Client("admin");
        var batch = await Api.UploadAsync(client, ("r.txt", Samples.SeedReport()));
        await Api.WaitFinishedAsync(client, batch.Id);

        // Both wrote to the one file: EF Core its tables, Hangfire its job and state rows.
        await using var conn = new SqliteConnection($"Data Source={store.SqliteFile};Mode=ReadOnly");
        await conn.OpenAsync();
        var tables = new List<string>();
        await using (var cmd = new SqliteCommand("SELECT name FROM sqlite_master WHERE type='table'", conn))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        Assert.Contains("documents", tables);
        Assert.Contains("Job", tables);
        await using (var jobs = new SqliteCommand("SELECT COUNT(*) FROM Job", conn))
        {
            Assert.True((long)(await jobs.ExecuteScalarAsync())! >= 1);
        }

        // One SQLitePCLRaw in the process, on the 3.x line that sqlite-net (under Hangfire) needs.
        var cores = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "SQLitePCLRaw.core").ToList();
        var core = Assert.Single(cores);
        Assert.Equal(3, core.GetName().Version!.Major);
        Assert.StartsWith("3.", SQLitePCL.raw.sqlite3_libversion().utf8_to_string());
    }
}
