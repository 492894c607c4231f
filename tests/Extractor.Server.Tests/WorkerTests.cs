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
}

public sealed class WorkerSqliteTests() : WorkerTests(null);

[Collection(PostgresCollection.Name)]
public sealed class WorkerPostgresTests(PostgresServer pg) : WorkerTests(pg);
