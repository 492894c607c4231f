using Extractor.Server.Jobs;
using Extractor.Storage;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;

namespace Extractor.Server.Hosting;

/// <summary>This process's Hangfire server name; null when it runs none (role Api).</summary>
public sealed record WorkerIdentity(string? ServerName);

/// <summary>The one switch between the embedded store and PostgreSQL, for both EF Core and Hangfire.</summary>
public static class StoreSetup
{
    public static string ConnectionString(ServerOptions options, IConfiguration configuration)
    {
        if (options.Store == StoreProvider.Postgres)
        {
            var cs = options.Postgres ?? configuration.GetConnectionString("Extractor");
            return string.IsNullOrWhiteSpace(cs)
                ? throw new InvalidOperationException("Extractor:Store is postgres but neither Extractor:Postgres nor ConnectionStrings:Extractor is set.")
                : cs;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(options.SqlitePath)!);
        // Default Timeout makes Microsoft.Data.Sqlite wait on a busy file (Hangfire writes to the same one) instead of failing at once.
        return $"Data Source={options.SqlitePath};Default Timeout=30;Pooling=True";
    }

    public static IServiceCollection AddStore(this IServiceCollection services, ServerOptions options, IConfiguration configuration)
    {
        var connectionString = ConnectionString(options, configuration);
        services.AddExtractorStore(options.Store, connectionString);

        // The storage is this application's own singleton rather than Hangfire's static JobStorage.Current,
        // so two hosts in one process (tests: an api and a worker) each keep theirs.
        services.AddSingleton<JobStorage>(_ => CreateJobStorage(options, connectionString));
        // Likewise the activator: otherwise the last host configured in the process (JobActivator.Current) would
        // build every host's jobs from its own container, and so its own database.
        services.AddSingleton<JobActivator>(sp => new Hangfire.AspNetCore.AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddScoped<ExtractDocumentJob>();
        services.AddScoped<RequeueOrphansJob>();

        // The name of this process's Hangfire server (none in role Api), so /health can report its own heartbeat.
        var identity = new WorkerIdentity(options.Role == ServerRole.Api ? null : $"extractor-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}");
        services.AddSingleton(identity);
        if (options.Role != ServerRole.Api)
        {
            services.AddHangfireServer((sp, o) =>
            {
                o.WorkerCount = options.Worker.Count > 0 ? options.Worker.Count : Environment.ProcessorCount;
                o.ShutdownTimeout = TimeSpan.FromSeconds(options.Worker.ShutdownTimeoutSeconds);
                o.SchedulePollingInterval = TimeSpan.FromSeconds(5);
                o.ServerName = identity.ServerName;
            });
        }
        return services;
    }

    /// <summary>A Hangfire lock older than this was left by a dead holder and is removed (PostgreSQL).</summary>
    public static readonly TimeSpan StaleLockAfter = TimeSpan.FromMinutes(1);

    private static JobStorage CreateJobStorage(ServerOptions options, string connectionString)
    {
        var poll = TimeSpan.FromMilliseconds(Math.Max(50, options.Worker.QueuePollIntervalMs));
        var invisibility = TimeSpan.FromSeconds(Math.Max(1, options.Worker.InvisibilityTimeoutSeconds));
        if (options.Store == StoreProvider.Postgres)
        {
            var pg = new PostgreSqlStorageOptions
            {
                QueuePollInterval = poll,
                InvisibilityTimeout = invisibility,
                PrepareSchemaIfNecessary = true,
                // A live worker keeps extending its fetched job; one that died gives it back after InvisibilityTimeout.
                UseSlidingInvisibilityTimeout = true,
                // LISTEN/NOTIFY wakes idle workers as soon as a job is enqueued, instead of at the next poll.
                EnableLongPolling = true,
                // Hangfire's locks are rows; one left behind by a killed process, or by a release that met a
                // database outage, blocks its resource until it is this old. At the default 10 minutes the
                // delayed-job scheduler (which gives failed jobs their retries) stood still that long after
                // a worker was killed (CI fault drill). Every lock Hangfire and this service take is held for
                // well under a minute.
                DistributedLockTimeout = StaleLockAfter,
                SchemaName = "hangfire",
            };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, pg), pg);
        }
        var sqlite = new SQLiteStorageOptions
        {
            QueuePollInterval = poll,
            InvisibilityTimeout = invisibility,
        };
        return new SQLiteStorage(options.SqlitePath, sqlite);
    }
}
