using Extractor.Server.Hosting;
using Extractor.Server.Jobs;
using Extractor.Server.Tests.Infrastructure;
using Extractor.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Extractor.Server.Tests;

/// <summary>Separate api and worker processes sharing one store; a worker stopped mid-batch loses nothing.</summary>
public abstract class WorkerTests(PostgresServer? pg) : StoreTests(pg)
{
    [SkippableFact]
    public async Task Worker_StoppedMidBatch_AnotherFinishesIt_NothingLostOrDuplicated()
    {
        var store = await NewStoreAsync();
        var api = Server(store, ServerRole.Api);
        var client = api.Client("uploader");
        var files = Enumerable.Range(0, 6).Select(i => ($"r{i}.txt", Samples.SeedVariant($"w{i}"))).ToArray();
        var batch = await Api.UploadAsync(client, files);
        Assert.Equal(6, (await Api.BatchAsync(client, batch.Id)).Counts.Queued);

        // Worker A extracts one document, then is held inside its second job, and is stopped there.
        var started = 0;
        var held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hooks = new JobHooks
        {
            BeforeExtract = async (_, ct) =>
            {
                if (Interlocked.Increment(ref started) > 1)
                {
                    held.TrySetResult();
                    await Task.Delay(Timeout.Infinite, ct);
                }
            },
        };
        var workerA = new ServerFactory(store, ServerRole.Worker, hooks, workers: 1);
        _ = workerA.Services; // starts the host and its Hangfire server
        await held.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var mid = await Api.BatchAsync(client, batch.Id);
        Assert.Equal(1, mid.Counts.Done);
        Assert.Equal(1, mid.Counts.Processing);
        await workerA.DisposeAsync();

        var workerB = Server(store, ServerRole.Worker);
        _ = workerB.Services;
        var done = await Api.WaitFinishedAsync(client, batch.Id);
        Assert.Equal(6, done.Counts.Done);

        using var scope = api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ExtractorDbContext>();
        Assert.Equal(6, await db.Documents.CountAsync());
        var fieldsPerDoc = await db.Fields.GroupBy(f => f.DocumentId).Select(g => g.Count()).ToListAsync();
        Assert.Equal(Enumerable.Repeat(200, 6), fieldsPerDoc);
        var attempts = await db.Documents.Select(d => d.Attempts).ToListAsync();
        Assert.Equal(7, attempts.Sum()); // five once, the interrupted one twice
    }

    /// <summary>A worker died with the document's job Processing: the sweeper requeues it once the server is silent long enough.</summary>
    [SkippableFact]
    public async Task Document_WhoseJobIsProcessingOnADeadServer_IsRequeuedByTheSweeper()
    {
        var store = await NewStoreAsync();
        var api = Server(store, ServerRole.Api);
        var client = api.Client("admin");
        var batch = await Api.UploadAsync(client, ("r.txt", Samples.SeedVariant("dead-server")));
        var id = batch.Entries[0].DocumentId;
        using var scope = api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ExtractorDbContext>();
        var storage = scope.ServiceProvider.GetRequiredService<Hangfire.JobStorage>();
        var doc = await db.Documents.SingleAsync(d => d.Id == id);
        using (var connection = storage.GetConnection())
        using (var transaction = connection.CreateWriteTransaction())
        {
            transaction.SetJobState(doc.JobId!, new ProcessingOn("extractor-gone:4242:0f0f"));
            transaction.Commit();
        }
        doc.Status = Storage.Entities.DocumentStatus.Processing;
        doc.UpdatedAt = DateTime.UtcNow.AddMinutes(-10);
        await db.SaveChangesAsync();

        await scope.ServiceProvider.GetRequiredService<RequeueOrphansJob>().RunAsync(CancellationToken.None);

        using var after = storage.GetConnection();
        var state = after.GetStateData(doc.JobId!);
        Assert.Equal(Hangfire.States.EnqueuedState.StateName, state.Name);
        Assert.Contains("extractor-gone:4242:0f0f", state.Reason);
    }

    /// <summary>The state a Hangfire worker writes when it starts a job, on a server that then died.</summary>
    private sealed class ProcessingOn(string serverId) : Hangfire.States.IState
    {
        public string Name => Hangfire.States.ProcessingState.StateName;
        public string? Reason => null;
        public bool IsFinal => false;
        public bool IgnoreJobLoadException => false;
        public Dictionary<string, string> SerializeData() => new() { ["StartedAt"] = "0", ["ServerId"] = serverId, ["WorkerId"] = "w1" };
    }
}

public sealed class WorkerSqliteTests() : WorkerTests(null)
{
    /// <summary>
    /// A worker that dies keeps no promise to give its job back: here worker A hangs, ignoring the cancellation,
    /// and is abandoned, as a killed process would be. After the invisibility timeout worker B runs the job again.
    /// (SQLite only: on PostgreSQL the hung in-process job would keep sliding its invisibility, as a live worker should.)
    /// </summary>
    [Fact]
    public async Task Worker_KilledMidJob_JobRunsAgainElsewhereAfterInvisibilityTimeout()
    {
        var store = await NewStoreAsync();
        var api = Server(store, ServerRole.Api);
        var client = api.Client("uploader");
        var batch = await Api.UploadAsync(client, ("r.txt", Samples.SeedVariant("killed")));

        var hung = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hooks = new JobHooks
        {
            BeforeExtract = async (_, _) =>
            {
                hung.TrySetResult();
                await release.Task; // deaf to cancellation, like a process that is gone
                throw new OperationCanceledException("worker A was abandoned");
            },
        };
        var workerA = new ServerFactory(store, ServerRole.Worker, hooks, workers: 1);
        workerA.Settings["Extractor:Worker:InvisibilityTimeoutSeconds"] = "3";
        workerA.Settings["Extractor:Worker:ShutdownTimeoutSeconds"] = "1";
        try
        {
            _ = workerA.Services;
            await hung.Task.WaitAsync(TimeSpan.FromSeconds(60));
            await workerA.DisposeAsync();
            Assert.Equal(1, (await Api.BatchAsync(client, batch.Id)).Counts.Processing);

            var workerB = Server(store, ServerRole.Worker);
            workerB.Settings["Extractor:Worker:InvisibilityTimeoutSeconds"] = "3";
            _ = workerB.Services;
            var done = await Api.WaitFinishedAsync(client, batch.Id);
            Assert.Equal(1, done.Counts.Done);
            Assert.Equal(2, (await Api.DocumentAsync(client, batch.Entries[0].DocumentId)).Attempts);
        }
        finally
        {
            release.TrySetResult();
        }
    }

    /// <summary>Hangfire gave up on a job (its retries exhausted): the sweeper ends the document failed with the job's error.</summary>
    [Fact]
    public async Task Document_WhoseJobGaveUp_EndsFailedWithTheReason()
    {
        var store = await NewStoreAsync();
        var api = Server(store, ServerRole.Api);
        var client = api.Client("admin");
        var batch = await Api.UploadAsync(client, ("r.txt", Samples.SeedVariant("gave-up")));
        var id = batch.Entries[0].DocumentId;
        using (var scope = api.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ExtractorDbContext>();
            var doc = await db.Documents.SingleAsync(d => d.Id == id);
            var jobs = scope.ServiceProvider.GetRequiredService<Hangfire.IBackgroundJobClient>();
            using (var connection = scope.ServiceProvider.GetRequiredService<Hangfire.JobStorage>().GetConnection())
            {
                connection.SetJobParameter(doc.JobId!, "RetryCount", "5"); // as after the last of its 5 retries
            }
            Assert.True(jobs.ChangeState(doc.JobId!, new Hangfire.States.FailedState(new IOException("disk full")), null));
            doc.Status = Storage.Entities.DocumentStatus.Processing;
            doc.UpdatedAt = DateTime.UtcNow.AddMinutes(-5);
            await db.SaveChangesAsync();
            await scope.ServiceProvider.GetRequiredService<RequeueOrphansJob>().RunAsync(CancellationToken.None);
        }
        var failed = await Api.DocumentAsync(client, id);
        Assert.Equal("failed", failed.Status);
        // The reason in plain words for the person who sent it; the job's exception in the log (issue 17).
        Assert.StartsWith("文件“r.txt”：多次尝试后仍未能完成处理", failed.Error);
        Assert.DoesNotContain("IOException", failed.Error, StringComparison.Ordinal);
        Assert.Contains(api.Logs.Lines, l => l.Message.Contains("disk full", StringComparison.Ordinal));
        Assert.True((await Api.BatchAsync(client, batch.Id)).Finished);
    }

    /// <summary>The process stopped between the upload's commit and the enqueue: the sweeper enqueues the document.</summary>
    [Fact]
    public async Task Document_StoredWithoutJob_IsEnqueuedByTheSweeper()
    {
        var store = await NewStoreAsync();
        var factory = Server(store);
        var client = factory.Client("admin");
        var id = Guid.NewGuid();
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ExtractorDbContext>();
            var content = Samples.SeedVariant("orphan");
            var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
            var old = DateTime.UtcNow.AddMinutes(-5);
            db.Files.Add(new Storage.Entities.StoredFile { Sha256 = sha, Content = content, Length = content.Length, CreatedAt = old });
            db.Documents.Add(new Storage.Entities.Document { Id = id, Sha256 = sha, FileName = "orphan.txt", CreatedAt = old, UpdatedAt = old });
            await db.SaveChangesAsync();
            await scope.ServiceProvider.GetRequiredService<RequeueOrphansJob>().RunAsync(CancellationToken.None);
        }
        var doc = await Poll.UntilAsync(() => Api.DocumentAsync(client, id), d => d.Status == "done", what: "orphan extracted");
        Assert.Equal(1, doc.Attempts);
    }
}

/// <summary>The shared suite on PostgreSQL, and what only the PostgreSQL storage has (Hangfire locks are rows there).</summary>
[Collection(PostgresCollection.Name)]
public sealed class WorkerPostgresTests(PostgresServer pg) : WorkerTests(pg)
{
    /// <summary>
    /// A Hangfire lock left behind (its holder killed, or its release lost in a database outage) stops
    /// blocking after <see cref="Hosting.StoreSetup.StaleLockAfter"/>, not Hangfire's default 10 minutes:
    /// the delayed-job scheduler, which gives failed jobs their retries, takes such a lock every 5 s.
    /// </summary>
    [SkippableFact]
    public async Task LockLeftByADeadHolder_IsTakenOver_AfterAMinute()
    {
        var store = await NewStoreAsync();
        var api = Server(store, ServerRole.Api);
        var storage = api.Services.GetRequiredService<Hangfire.JobStorage>();
        await using (var db = new Npgsql.NpgsqlConnection(store.Postgres))
        {
            await db.OpenAsync();
            await using var insert = new Npgsql.NpgsqlCommand("INSERT INTO hangfire.lock (resource, updatecount, acquired) VALUES ('drill:left-behind', 0, @acquired)", db);
            insert.Parameters.AddWithValue("acquired", DateTime.UtcNow - Hosting.StoreSetup.StaleLockAfter - TimeSpan.FromSeconds(5));
            await insert.ExecuteNonQueryAsync();
        }

        using var connection = storage.GetConnection();
        using var taken = connection.AcquireDistributedLock("drill:left-behind", TimeSpan.FromSeconds(5));

        Assert.NotNull(taken);
    }
}
