using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Polly;
using Polly.Retry;

namespace Extractor.Server.Jobs;

/// <summary>
/// Which faults are worth trying again (a busy SQLite file, an unreachable or restarting PostgreSQL, file IO),
/// and the Polly pipeline that retries them inside a job before Hangfire's own retries take over.
/// </summary>
public static class TransientFaults
{
    public static bool IsTransient(Exception ex) => ex switch
    {
        SqliteException s => s.SqliteErrorCode is 5 or 6, // SQLITE_BUSY, SQLITE_LOCKED
        PostgresException p => p.SqlState is "40001" or "40P01" or "53300" or "57P01" or "57P03",
        NpgsqlException n => n.IsTransient,
        DbUpdateConcurrencyException => false,
        DbUpdateException u => u.InnerException is not null && IsTransient(u.InnerException),
        TimeoutException or IOException => true,
        InvalidOperationException i when i.InnerException is not null => IsTransient(i.InnerException),
        _ => false,
    };

    public static ResiliencePipeline CreatePipeline(int attempts = 5) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
            MaxRetryAttempts = attempts,
            Delay = TimeSpan.FromMilliseconds(200),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();
}
