using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Extractor.Server.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL the PostgreSQL variants run against: EXTRACTOR_TEST_POSTGRES when set (e.g. by .ci/run from
/// deploy/postgres-test.sh), otherwise a throwaway server this fixture starts with initdb/pg_ctl on 127.0.0.1
/// in a temp folder and stops afterwards. Without either, the variants are skipped, saying why.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string Variable = "EXTRACTOR_TEST_POSTGRES";

    private string? _dataDir;
    private string? _binDir;

    public string? AdminConnectionString { get; private set; }
    public string? Unavailable { get; private set; }

    public async Task InitializeAsync()
    {
        var fromEnv = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            AdminConnectionString = fromEnv;
            return;
        }
        _binDir = FindBinDir();
        if (_binDir is null)
        {
            Unavailable = $"PostgreSQL variants skipped: {Variable} is not set and no PostgreSQL server binaries (initdb, pg_ctl) were found";
            return;
        }
        try
        {
            await StartAsync(_binDir);
        }
        catch (Exception ex)
        {
            Unavailable = $"PostgreSQL variants skipped: could not start a throwaway server: {ex.Message}";
        }
    }

    /// <summary>A new, empty database for one test.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var conn = new NpgsqlConnection(AdminConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    public async Task DisposeAsync()
    {
        if (_dataDir is null || _binDir is null)
        {
            return;
        }
        NpgsqlConnection.ClearAllPools();
        await RunAsync(Path.Combine(_binDir, "pg_ctl"), ["-D", _dataDir, "-m", "immediate", "-w", "stop"], asPostgres: IsRoot);
        try
        {
            Directory.Delete(Path.GetDirectoryName(_dataDir)!, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task StartAsync(string bin)
    {
        var root = Directory.CreateTempSubdirectory("extractor-pg-").FullName;
        _dataDir = Path.Combine(root, "data");
        if (IsRoot)
        {
            // initdb refuses root (PITFALLS.md): the cluster belongs to the postgres user.
            await RunAsync("chown", ["postgres", root], asPostgres: false);
        }
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", _dataDir, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"], asPostgres: IsRoot);
        var port = FreePort();
        await RunAsync(Path.Combine(bin, "pg_ctl"),
            ["-D", _dataDir, "-l", Path.Combine(root, "log"), "-o", $"-k {root} -h 127.0.0.1 -p {port} -c fsync=off -c max_connections=200", "-w", "start"],
            asPostgres: IsRoot);
        AdminConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static string? FindBinDir()
    {
        var candidates = new List<string>();
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderDescending().Select(d => Path.Combine(d, "bin")));
        }
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries));
        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string[] args, bool asPostgres)
    {
        var psi = new ProcessStartInfo(asPostgres ? "runuser" : file) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file })
            {
                psi.ArgumentList.Add(a);
            }
        }
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}");
        var stderr = p.StandardError.ReadToEndAsync();
        _ = await p.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await p.WaitForExitAsync(timeout.Token);
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} exited {p.ExitCode}: {await stderr}");
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
